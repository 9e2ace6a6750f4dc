/** What Tab can reach inside a dialog, in order. */
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [contenteditable="true"], [tabindex]:not([tabindex="-1"])';

function tabbable(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0 && !el.closest('[inert]')
  );
}

/**
 * Keeps the focus of a modal `<dialog>` inside it and gives it back (a Svelte attachment).
 * `showModal()` makes the page behind inert, but Tab from the last control still leaves for the
 * browser's own toolbar, and the control that opened the dialog is not always focused again (a
 * dialog removed with its `{#if}` closes without the browser restoring anything). So Tab and
 * Shift+Tab wrap around at the ends, and on closing the focus returns to the control that had it
 * before the dialog opened, unless something else has taken it meanwhile. `returnTo` names
 * where it goes when nothing had it (a dialog chosen from a menu that is gone by then).
 */
export function modalFocus(
  returnTo: () => HTMLElement | null = () => null
): (dialog: HTMLDialogElement) => () => void {
  return (dialog) => trapAndReturn(dialog, returnTo);
}

function trapAndReturn(dialog: HTMLDialogElement, returnTo: () => HTMLElement | null) {
  let opener: HTMLElement | null = null;

  // The focus enters the dialog when it opens: the element it comes from opened it.
  const onFocusIn = (event: FocusEvent) => {
    const from = event.relatedTarget;
    if (from instanceof HTMLElement && !dialog.contains(from)) opener = from;
    else if (!opener && !dialog.contains(from as Node | null)) opener = returnTo();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab' || event.defaultPrevented) return;
    const items = tabbable(dialog);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return event.preventDefault();
    const active = document.activeElement;
    const inside = active instanceof HTMLElement && dialog.contains(active) && active !== dialog;
    if (event.shiftKey && (!inside || active === first)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (!inside || active === last)) {
      event.preventDefault();
      first.focus();
    }
  };
  const giveBack = () => {
    const target = opener;
    opener = null;
    if (!target?.isConnected) return;
    const active = document.activeElement;
    if (!active || active === document.body || dialog.contains(active)) target.focus();
  };

  dialog.addEventListener('focusin', onFocusIn);
  dialog.addEventListener('keydown', onKeyDown);
  dialog.addEventListener('close', giveBack);
  return () => {
    dialog.removeEventListener('focusin', onFocusIn);
    dialog.removeEventListener('keydown', onKeyDown);
    dialog.removeEventListener('close', giveBack);
    // Removed while open (its `{#if}` ended): no close event comes once it is gone.
    if (dialog.open) dialog.close();
    giveBack();
  };
}
