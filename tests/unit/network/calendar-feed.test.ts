import Database from 'better-sqlite3';
import ICAL from 'ical.js';
import path from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CalendarEvents, Institutions } from '../../../src/lib/shared/model/network/index.ts';
import { INDEX_DOC_ID, roomName } from '../../../src/lib/shared/model/schema.ts';
import { FEEDS_FILE } from '../../../server/calendar/FeedTokens.ts';
import { ApiClient, PASSWORD } from '../accounts/apiServer.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { DocClient } from '../helpers/docClient.ts';
import { TestRelay } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import { institution } from './fixtures.ts';

let people = 0;

async function person(relay: TestRelay, name: string): Promise<ApiClient> {
  const client = new ApiClient(relay.url);
  const email = `person${++people}.${Date.now()}@example.org`;
  const res = await client.post('/api/auth/register', {
    email,
    password: PASSWORD,
    displayName: name
  });
  if (res.status !== 202) throw new Error(`register answered ${res.status}`);
  const login = await client.post('/api/auth/login', { email, password: PASSWORD });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  return client;
}

/** An owner, a workspace with one event written through the relay, stored on the server. */
async function workspaceWithEvent(relay: TestRelay, defer: (t: () => unknown) => void) {
  const owner = await person(relay, 'Анна');
  const created = await owner.post('/api/workspaces', { name: 'Сеть учреждений Кирова' });
  const workspaceId = created.json.workspace.id as string;
  const client = new DocClient(relay.syncUrl, roomName(workspaceId, INDEX_DOC_ID));
  defer(() => client.destroy());
  const venue = new Institutions(client.doc).create(
    institution({ name: 'Библиотека им. Пушкина', address: 'ул. Ленина, 5' })
  );
  if (!venue.ok) throw new Error('fixture');
  const event = new CalendarEvents(client.doc).create({
    ...new CalendarEvents(client.doc).blank(),
    title: 'Творческий вечер, посвящённый Дню матери',
    kind: 'creativeEvening',
    start: '2026-11-26T14:00:00.000Z',
    end: '2026-11-26T16:00:00.000Z',
    venueId: venue.id
  });
  if (!event.ok) throw new Error('fixture');
  await eventStored(relay, workspaceId, event.id);
  return { owner, workspaceId, eventId: event.id, index: client.doc };
}

/** The feed reads storage, so a test waits until the relay has committed the event. */
function eventStored(relay: TestRelay, workspaceId: string, eventId: string): Promise<void> {
  return waitFor(async () => {
    const stored = await relay.server.storage.load(roomName(workspaceId, INDEX_DOC_ID));
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u.data);
    return new CalendarEvents(doc).get(eventId) !== null;
  }, 'the event is stored');
}

describe('calendar subscription feed', () => {
  const defer = deferCleanup();

  it('PE10 a member creates a link; a calendar app reads the stored events with it, no cookie', async () => {
    const relay = await TestRelay.startFresh(defer);
    const { owner, workspaceId, eventId } = await workspaceWithEvent(relay, defer);
    expect((await owner.get(`/api/workspaces/${workspaceId}/calendar-feed`)).json).toEqual({
      feed: null
    });
    const created = await owner.post(`/api/workspaces/${workspaceId}/calendar-feed`);
    expect(created.status).toBe(201);
    const feedPath = created.json.feed.path as string;
    expect(feedPath).toMatch(/^\/api\/calendar-feeds\/[A-Za-z0-9_-]{43}$/);

    const app = await new ApiClient(relay.url).get(feedPath);
    expect(app.status).toBe(200);
    expect(app.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(app.text));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Сеть учреждений Кирова');
    const [vevent] = calendar.getAllSubcomponents('vevent');
    const event = new ICAL.Event(vevent!);
    expect(event.uid).toBe(`${eventId}@${workspaceId}.uzel`);
    expect(event.summary).toBe('Творческий вечер, посвящённый Дню матери');
    expect(event.location).toBe('Библиотека им. Пушкина, ул. Ленина, 5');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-26T14:00:00.000Z');
    expect(vevent!.getFirstPropertyValue('categories')).toBe('творческий вечер');

    // Only a hash is stored: the link cannot be read back from the file.
    const db = new Database(path.join(relay.dataDir, FEEDS_FILE), { readonly: true });
    defer(() => db.close());
    const token = feedPath.split('/').at(-1)!;
    expect(JSON.stringify(db.prepare('SELECT * FROM calendar_feeds').all())).not.toContain(token);
  });

  it('PE11 a wrong or revoked token gets 404; a new link replaces the old one', async () => {
    const relay = await TestRelay.startFresh(defer);
    const { owner, workspaceId } = await workspaceWithEvent(relay, defer);
    const anyone = new ApiClient(relay.url);
    expect((await anyone.get('/api/calendar-feeds/not-a-real-token')).status).toBe(404);
    expect((await anyone.get('/api/calendar-feeds/' + 'x'.repeat(300))).status).toBe(404);

    const first = (await owner.post(`/api/workspaces/${workspaceId}/calendar-feed`)).json.feed;
    expect((await anyone.get(first.path)).status).toBe(200);
    const second = (await owner.post(`/api/workspaces/${workspaceId}/calendar-feed`)).json.feed;
    expect((await anyone.get(first.path)).status).toBe(404);
    expect((await anyone.get(second.path)).status).toBe(200);

    expect((await owner.delete(`/api/workspaces/${workspaceId}/calendar-feed`)).status).toBe(204);
    expect((await anyone.get(second.path)).status).toBe(404);
    expect((await owner.get(`/api/workspaces/${workspaceId}/calendar-feed`)).json.feed).toBeNull();
    expect((await owner.delete(`/api/workspaces/${workspaceId}/calendar-feed`)).status).toBe(404);
  });

  it('PE11 only members manage the link: strangers get 404, viewers 403, nobody without a session', async () => {
    const relay = await TestRelay.startFresh(defer);
    const { owner, workspaceId } = await workspaceWithEvent(relay, defer);
    const stranger = await person(relay, 'Чужой');
    expect((await stranger.post(`/api/workspaces/${workspaceId}/calendar-feed`)).status).toBe(404);
    expect((await stranger.get(`/api/workspaces/${workspaceId}/calendar-feed`)).status).toBe(404);
    const anonymous = new ApiClient(relay.url);
    expect((await anonymous.post(`/api/workspaces/${workspaceId}/calendar-feed`)).status).toBe(401);

    const invite = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: 'viewer' });
    const viewer = await person(relay, 'Зритель');
    await viewer.post(`/api/invites/${invite.json.invite.token}/accept`);
    expect((await viewer.get(`/api/workspaces/${workspaceId}/calendar-feed`)).status).toBe(200);
    expect((await viewer.post(`/api/workspaces/${workspaceId}/calendar-feed`)).status).toBe(403);
    // A session cookie does not open a feed: only the link's token does.
    expect((await owner.get('/api/calendar-feeds/')).status).toBe(404);
  });

  it('PE16 one link is limited per hour: past it 429 with Retry-After; another link still answers', async () => {
    const relay = await TestRelay.startFresh(defer, {
      CALENDAR_FEED_REQUESTS_PER_TOKEN: '3',
      CALENDAR_FEED_REQUESTS_PER_ADDRESS: '100'
    });
    const first = await workspaceWithEvent(relay, defer);
    const second = await workspaceWithEvent(relay, defer);
    const linkOf = async (owner: ApiClient, workspaceId: string) =>
      (await owner.post(`/api/workspaces/${workspaceId}/calendar-feed`)).json.feed.path as string;
    const busy = await linkOf(first.owner, first.workspaceId);
    const calm = await linkOf(second.owner, second.workspaceId);
    const app = new ApiClient(relay.url);
    for (let i = 0; i < 3; i++) expect((await app.get(busy)).status).toBe(200);
    const refused = await app.get(busy);
    expect(refused.status).toBe(429);
    expect(refused.json.error).toBe('rate_limited');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect((await app.get(calm)).status).toBe(200);
  });

  it('PE16 one address is limited per hour, unknown links counted too', async () => {
    const relay = await TestRelay.startFresh(defer, {
      CALENDAR_FEED_REQUESTS_PER_TOKEN: '100',
      CALENDAR_FEED_REQUESTS_PER_ADDRESS: '3'
    });
    const { owner, workspaceId } = await workspaceWithEvent(relay, defer);
    const link = (await owner.post(`/api/workspaces/${workspaceId}/calendar-feed`)).json.feed.path;
    const app = new ApiClient(relay.url);
    expect((await app.get('/api/calendar-feeds/guessed-link-1')).status).toBe(404);
    expect((await app.get('/api/calendar-feeds/guessed-link-2')).status).toBe(404);
    expect((await app.get(link)).status).toBe(200);
    const refused = await app.get(link);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('PE17 polls without a change are answered without building the feed again; a change shows in the next poll', async () => {
    const relay = await TestRelay.startFresh(defer);
    const { owner, workspaceId, index } = await workspaceWithEvent(relay, defer);
    const link = (await owner.post(`/api/workspaces/${workspaceId}/calendar-feed`)).json.feed.path;
    const feeds = relay.server.calendarFeeds;
    const app = new ApiClient(relay.url);
    const before = feeds.builds;
    const first = await app.get(link);
    const second = await app.get(link);
    expect(second.text).toBe(first.text);
    expect(feeds.builds - before).toBe(1);

    const events = new CalendarEvents(index);
    const added = events.create({
      ...events.blank(),
      title: 'Мастер-класс по краеведению',
      kind: 'creativeEvening',
      start: '2026-12-03T10:00:00.000Z',
      end: '2026-12-03T12:00:00.000Z'
    });
    if (!added.ok) throw new Error('fixture');
    await eventStored(relay, workspaceId, added.id);
    const third = await app.get(link);
    expect(third.text).toContain('Мастер-класс по краеведению');
    expect(feeds.builds - before).toBe(2);
  });
});
