/** Runs a write: inside a transaction at once; outside one as a transaction of its own, queued. */
export type Write = <T>(statement: () => T) => Promise<T>;
