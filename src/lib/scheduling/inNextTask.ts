/** `callback`, run once in a task after the current one however often `run` is called. */
export function inNextTask(callback: () => void): { run: () => void; stop: () => void } {
  let queued = false;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    queued = false;
    callback();
  };
  return {
    run: () => {
      if (queued) return;
      queued = true;
      channel.port2.postMessage(null);
    },
    stop: () => channel.port1.close()
  };
}
