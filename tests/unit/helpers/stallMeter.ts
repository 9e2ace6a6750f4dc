/**
 * Runs `work` while a timer ticks every millisecond on this event loop, and reports the longest
 * time this process spent working between two ticks: how long at most anything else on its
 * event loop had to wait meanwhile. A gap counts the CPU time the process used in it, not the
 * wall time: on a busy machine the system may not run the process at all for a while, which
 * holds up nobody's request in favour of another on this process.
 */
export async function longestStall<T>(
  work: () => Promise<T>
): Promise<{ value: T; stallMs: number; wallMs: number }> {
  let lastWall = performance.now();
  let lastCpu = process.cpuUsage();
  let stall = 0;
  let wall = 0;
  const tick = () => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const gap = now - lastWall;
    stall = Math.max(stall, Math.min(gap, (cpu.user + cpu.system) / 1000));
    wall = Math.max(wall, gap);
    lastWall = now;
    lastCpu = process.cpuUsage();
  };
  const timer = setInterval(tick, 1);
  try {
    const value = await work();
    tick();
    return { value, stallMs: stall, wallMs: wall };
  } finally {
    clearInterval(timer);
  }
}
