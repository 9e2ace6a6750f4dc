import type pg from 'pg';

/** How the PostgreSQL tables run a statement: the pool outside a transaction, one client inside it. */
export type Query = <R extends pg.QueryResultRow>(
  text: string,
  values?: unknown[]
) => Promise<pg.QueryResult<R>>;
