/**
 * The part of the screen a person can actually see the page through, in the page's client
 * coordinates: the visual viewport (smaller than the window while an on-screen keyboard is open or
 * the page is pinch-zoomed) minus the bars stuck to its top (the app bar, the editor's toolbar).
 * The caret is kept inside it and popups are placed inside it.
 */
export type Area = { top: number; bottom: number; left: number; right: number };

/** Elements that stay on top of the page while it scrolls mark themselves with this attribute. */
export const COVERS_TOP = 'data-covers-top';

export function visibleArea(): Area {
  const viewport = window.visualViewport;
  const top = viewport ? viewport.offsetTop : 0;
  const left = viewport ? viewport.offsetLeft : 0;
  const area: Area = {
    top,
    left,
    bottom: top + (viewport ? viewport.height : window.innerHeight),
    right: left + (viewport ? viewport.width : window.innerWidth)
  };
  const boxes = [...document.querySelectorAll(`[${COVERS_TOP}]`)]
    .map((element) => element.getBoundingClientRect())
    .sort((a, b) => a.top - b.top);
  for (const box of boxes) {
    // Only what is stuck at the top covers the page: a toolbar still in its place does not.
    if (box.height === 0 || box.top > area.top + 1) continue;
    area.top = Math.max(area.top, Math.min(box.bottom, area.bottom));
  }
  return area;
}
