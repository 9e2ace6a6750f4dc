/**
 * A horizontal swipe on a touch screen or with a pen: `onswipe(-1)` for a swipe to the right
 * (back), `onswipe(1)` to the left (forward). Vertical movement is left to scrolling.
 */
export function swipe(node: HTMLElement, onswipe: (direction: -1 | 1) => void) {
  let start: { x: number; y: number; id: number } | null = null;
  const down = (e: PointerEvent) => {
    if (e.pointerType === 'mouse') return;
    start = { x: e.clientX, y: e.clientY, id: e.pointerId };
  };
  const up = (e: PointerEvent) => {
    if (!start || e.pointerId !== start.id) return;
    const dx = e.clientX - start.x;
    const dy = e.clientY - start.y;
    start = null;
    // A deliberate, mostly horizontal stroke: 60 px, twice as wide as it is tall.
    if (Math.abs(dx) >= 60 && Math.abs(dx) > 2 * Math.abs(dy)) onswipe(dx < 0 ? 1 : -1);
  };
  const cancel = () => (start = null);
  node.addEventListener('pointerdown', down);
  node.addEventListener('pointerup', up);
  node.addEventListener('pointercancel', cancel);
  return () => {
    node.removeEventListener('pointerdown', down);
    node.removeEventListener('pointerup', up);
    node.removeEventListener('pointercancel', cancel);
  };
}
