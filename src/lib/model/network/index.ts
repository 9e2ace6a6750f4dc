/**
 * The partner network's records, kept in the workspace index Y.Doc. Importing from here makes
 * sure every kind's network source is registered (deletion checks, the map and the report rely
 * on it).
 */
export * from './fields.ts';
export * from './records.ts';
export * from './institutions.ts';
export * from './cooperation.ts';
export * from './projects.ts';
export * from './tasks.ts';
export * from './events.ts';
