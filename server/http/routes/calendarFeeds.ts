import type { CalendarFeeds } from '../../calendar/CalendarFeeds.ts';
import { ICS_CONTENT_TYPE } from '../../../src/lib/shared/calendar/ics.ts';
import { DEFAULT_CALENDAR_FEED_LIMIT } from '../../config.ts';
import { ApiError } from '../ApiError.ts';
import { requireRole } from '../roleGuard.ts';
import { route, type ApiContext, type ApiDeps, type Route } from '../route.ts';

export const FEED_PATH = '/api/calendar-feeds/';

const noFeed = () => new ApiError(404, 'not_found', 'There is no calendar at this address.');

const FEED_LIMIT_WINDOW_MS = 60 * 60_000;

function refuseIfLimited(wait: number): void {
  if (wait <= 0) return;
  throw new ApiError(429, 'rate_limited', 'Too many calendar requests. Try again later.', {
    'retry-after': String(Math.ceil(wait / 1000))
  });
}

/**
 * The subscription link of a workspace's calendar: members see whether one exists, members who
 * can write create (replacing the old one) or revoke it, and a calendar app fetches the feed with
 * the link's token alone, since it cannot send the session cookie.
 */
export function calendarFeedRoutes(
  { accounts, log, now, limit: makeLimit }: ApiDeps,
  feeds: CalendarFeeds,
  limit = DEFAULT_CALENDAR_FEED_LIMIT
): Route[] {
  // Every request counts, found or not: by address first (guessing links), then by link.
  const perAddress = makeLimit('feed-address', {
    max: limit.perAddress,
    windowMs: FEED_LIMIT_WINDOW_MS
  });
  const perFeed = makeLimit('feed-link', { max: limit.perToken, windowMs: FEED_LIMIT_WINDOW_MS });
  const membership = (ctx: ApiContext<unknown>) => requireRole(accounts, ctx);
  const writer = (ctx: ApiContext<unknown>) =>
    requireRole(accounts, ctx, 'editor', {
      code: 'forbidden',
      message: 'Only members who can edit manage the calendar link.'
    });

  return [
    route('GET', '/api/workspaces/:id/calendar-feed', async (ctx) => {
      const { workspaceId } = await membership(ctx);
      const feed = await feeds.tokens.active(workspaceId);
      return {
        status: 200,
        body: { feed: feed ? { id: feed.id, createdAt: feed.createdAt } : null }
      };
    }),

    route('POST', '/api/workspaces/:id/calendar-feed', async (ctx) => {
      const { me, workspaceId } = await writer(ctx);
      const { feed, token } = await feeds.tokens.create(workspaceId, me.id, now());
      log.info('calendar feed created', { workspaceId, feedId: feed.id, by: me.id });
      // The only time the link is shown: only its hash is stored.
      const path = `${FEED_PATH}${token}`;
      return { status: 201, body: { feed: { id: feed.id, createdAt: feed.createdAt, path } } };
    }),

    route('DELETE', '/api/workspaces/:id/calendar-feed', async (ctx) => {
      const { me, workspaceId } = await writer(ctx);
      if (!(await feeds.tokens.revoke(workspaceId, now()))) throw noFeed();
      log.info('calendar feed revoked', { workspaceId, by: me.id });
      return { status: 204 };
    }),

    route('GET', `${FEED_PATH}:token`, async (ctx) => {
      refuseIfLimited(await perAddress.retryAfter(ctx.ip));
      await perAddress.hit(ctx.ip);
      const feed = await feeds.tokens.byToken(ctx.params.token!);
      // Unknown, revoked, or its workspace is gone: the same answer, nothing to learn from it.
      const name = feed ? await accounts.workspaceName(feed.workspaceId) : null;
      if (!feed || name === null) throw noFeed();
      // Keyed by the feed's id, so the limiter never holds a link.
      refuseIfLimited(await perFeed.retryAfter(feed.id));
      await perFeed.hit(feed.id);
      const host = ctx.req.headers.host;
      const origin = host ? `${ctx.secure ? 'https' : 'http'}://${host}` : undefined;
      const text = await feeds.render(feed.workspaceId, name, origin);
      return { status: 200, text, headers: { 'content-type': ICS_CONTENT_TYPE } };
    })
  ];
}
