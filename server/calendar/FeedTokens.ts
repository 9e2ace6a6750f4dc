import type { Engine } from '../db/engine.ts';
import { PostgresFeedTokens } from './PostgresFeedTokens.ts';
import { SqliteFeedTokens } from './SqliteFeedTokens.ts';

export { FEEDS_FILE } from './SqliteFeedTokens.ts';

/** A workspace's subscription link, as members see it (never its token, which is not kept). */
export type Feed = { id: string; workspaceId: string; createdBy: string | null; createdAt: number };

/**
 * Calendar subscription tokens. Calendar apps cannot send the session cookie, so a feed URL
 * carries its own bearer secret: 256 random bits, of which only a hash is stored (like invites),
 * one live link per workspace, revoked by replacing or deleting it. Kept apart from the accounts
 * store so that its schema does not have to know about calendars.
 */
export interface FeedTokenStore {
  /** A new link for the workspace; the previous one stops working in the same transaction. */
  create(
    workspaceId: string,
    createdBy: string | null,
    now: number
  ): Promise<{ feed: Feed; token: string }>;
  active(workspaceId: string): Promise<Feed | null>;
  /** False when the workspace had no live link. */
  revoke(workspaceId: string, now: number): Promise<boolean>;
  /**
   * A deleted account's links: each it made stops working and no longer names it. Answers how
   * many links it had made.
   */
  forgetCreator(userId: string, now: number): Promise<number>;
  /** The live feed this token opens, or null (unknown, revoked or malformed). */
  byToken(token: string): Promise<Feed | null>;
  /** Closes what this store opened (a shared PostgreSQL pool stays open). */
  close(): Promise<void>;
}

/** The feed-token store on the configured engine, migrated and ready. */
export async function openFeedTokenStore(engine: Engine): Promise<FeedTokenStore> {
  if (engine.kind === 'postgres') return PostgresFeedTokens.open(engine.pool);
  return SqliteFeedTokens.open(engine.dataDir, engine.synchronous);
}
