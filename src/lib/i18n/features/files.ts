/** Messages of one feature, Russian first; each feature keeps its own file so they grow apart. */
export const ru = {} as const;

export const en: Record<keyof typeof ru, string> = {};
