import { flip, shift, size, type Middleware, type Rect } from '@floating-ui/dom';
import { visibleArea } from './visibleArea.ts';

/** Room kept between a popup and the edge of what can be seen. */
const PADDING = 8;

/** The visible area as floating-ui's root boundary, measured when the popup is placed. */
function boundary(): { rootBoundary: Rect; padding: number } {
  const area = visibleArea();
  return {
    rootBoundary: {
      x: area.left,
      y: area.top,
      width: area.right - area.left,
      height: Math.max(0, area.bottom - area.top)
    },
    padding: PADDING
  };
}

/**
 * floating-ui middleware that keep a popup (the link picker, a mention list) inside the visible
 * area: below the caret, or above it when there is no room below, never over the app bar or the
 * toolbar, never under an on-screen keyboard, and no taller than the room it has.
 */
export function insideVisibleArea(): Middleware[] {
  return [
    flip(boundary),
    shift(boundary),
    size(() => ({
      ...boundary(),
      // The popup's own scroller reads this as its greatest height.
      apply({ availableHeight, elements }) {
        elements.floating.style.setProperty(
          '--popup-max-height',
          `${Math.max(96, Math.floor(availableHeight))}px`
        );
      }
    }))
  ];
}
