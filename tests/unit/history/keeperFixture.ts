import * as Y from 'yjs';
import { createLogger } from '../../../server/log.ts';
import type { VersionAuthor } from '../../../server/history/HistoryStore.ts';
import { SqliteHistoryStore } from '../../../server/history/SqliteHistoryStore.ts';
import {
  VersionKeeper,
  type KeeperClock,
  type KeeperOptions
} from '../../../server/history/VersionKeeper.ts';
import type { Defer } from '../helpers/cleanup.ts';
import { makeTempDir } from '../helpers/relay.ts';

export const MINUTE = 60_000;

const ids = new Map<string, string>();

/** A version author as the relay reports one: a stable account id for each name. */
export function person(name: string): VersionAuthor {
  let id = ids.get(name);
  if (!id) ids.set(name, (id = `person-${ids.size + 1}`));
  return { id, name };
}

/** The names of a version's authors, in order. */
export const names = (authors: readonly VersionAuthor[]) => authors.map((a) => a.name);

/** A clock the test moves by hand; timers fire in order as it passes them. */
export class ManualClock implements KeeperClock {
  t = Date.UTC(2026, 10, 25, 9, 0);
  #timers: { at: number; fn: () => void; live: boolean }[] = [];

  now = () => this.t;

  schedule = (fn: () => void, ms: number) => {
    const timer = { at: this.t + ms, fn, live: true };
    this.#timers.push(timer);
    return () => void (timer.live = false);
  };

  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.#timers.filter((x) => x.live && x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.live = false;
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
}

export const OPTIONS: KeeperOptions = {
  pauseMs: 2 * MINUTE,
  maxIntervalMs: 10 * MINUTE,
  keepAllMs: 48 * 60 * MINUTE,
  maxAuto: 50
};

/** A keeper on a real history.sqlite, reading documents from an in-memory map of Y.Docs. */
export function keeperWith(defer: Defer, options: Partial<KeeperOptions> = {}) {
  const tmp = makeTempDir();
  defer(tmp.remove);
  const store = new SqliteHistoryStore(`${tmp.dir}/history.sqlite`);
  defer(() => store.close());
  const docs = new Map<string, Y.Doc>();
  const clock = new ManualClock();
  const source = async (room: string) => {
    const copy = new Y.Doc();
    const doc = docs.get(room);
    if (doc) Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    return copy;
  };
  const keeper = new VersionKeeper(
    store,
    source,
    createLogger('silent'),
    { ...OPTIONS, ...options },
    clock
  );
  /** Appends a paragraph to the room's text, as a committed edit by `author`. */
  const type = (room: string, author: string, text: string) => {
    let doc = docs.get(room);
    if (!doc) docs.set(room, (doc = new Y.Doc()));
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    const fragment = doc.getXmlFragment('content');
    fragment.insert(fragment.length, [p]);
    keeper.edited(room, [person(author)]);
  };
  const textOf = (state: Uint8Array) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return doc
      .getXmlFragment('content')
      .toArray()
      .map((p) => (p as Y.XmlElement).toString());
  };
  return { keeper, store, docs, clock, type, textOf };
}
