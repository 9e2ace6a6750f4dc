/** What a field hands its control: the accessibility wiring to spread onto the input. */
export type ControlAttributes = {
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
};

/** The control's attributes for a field with an optional hint and error (ids of their texts). */
export function controlAttributes(
  hintId: string | undefined,
  errorId: string | undefined
): ControlAttributes {
  const described = [hintId, errorId].filter(Boolean).join(' ');
  return {
    'aria-invalid': errorId ? 'true' : undefined,
    'aria-describedby': described || undefined
  };
}

/**
 * After a refused save, moves to the first field with a problem, so a keyboard or screen-reader
 * user hears it. Waits a microtask: the invalid marks render after the errors are set.
 */
export function focusFirstInvalid(form: HTMLFormElement): void {
  queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
