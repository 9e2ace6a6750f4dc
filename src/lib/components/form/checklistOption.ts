/** One box of a checklist: the stored value, its name, and an optional note after it. */
export type ChecklistOption<T extends string = string> = { value: T; label: string; note?: string };
