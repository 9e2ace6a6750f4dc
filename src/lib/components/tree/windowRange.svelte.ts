/**
 * Which rows of a long list are on screen, for a list that scrolls with the page: only those
 * (and a few either side) are rendered, so 10,000 documents cost as much as forty.
 * Rows have one fixed height, so no measuring is needed.
 */
export class WindowRange {
  readonly rowHeight: number;
  /** The list's top relative to the viewport (negative once scrolled past). */
  #top = $state(0);
  #viewport = $state(800);

  constructor(rowHeight: number) {
    this.rowHeight = rowHeight;
  }

  /** An attachment for the list element: follows page scroll and resizes. */
  attach = (element: HTMLElement) => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      this.#top = element.getBoundingClientRect().top;
      this.#viewport = window.innerHeight;
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    // The first reading too waits for the frame: reading the position while the page is still
    // being built forces a layout of all of it inside the task that builds it.
    schedule();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule, { passive: true });
    // Content above the list (filters, favourites) can change height without any scroll.
    const observer = new ResizeObserver(schedule);
    observer.observe(document.body);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      observer.disconnect();
    };
  };

  range(count: number, overscan = 10): { start: number; end: number } {
    const first = Math.floor(-this.#top / this.rowHeight);
    const last = Math.ceil((this.#viewport - this.#top) / this.rowHeight);
    return {
      start: Math.max(0, Math.min(count, first - overscan)),
      end: Math.max(0, Math.min(count, last + overscan))
    };
  }

  /** Scrolls the page just enough to show row `index`. */
  reveal(element: HTMLElement, index: number): void {
    const listTop = element.getBoundingClientRect().top;
    const rowTop = listTop + index * this.rowHeight;
    const margin = this.rowHeight;
    if (rowTop < margin) window.scrollBy(0, rowTop - margin);
    else if (rowTop + this.rowHeight > window.innerHeight - margin) {
      window.scrollBy(0, rowTop + this.rowHeight - window.innerHeight + margin);
    }
    this.#top = element.getBoundingClientRect().top;
  }
}
