import * as Y from 'yjs';
import { ApiClient, PASSWORD } from '../accounts/apiServer.ts';
import { savedCount, updateFrame } from '../helpers/frames.ts';
import { RawClient } from '../helpers/rawClient.ts';
import { waitFor } from '../helpers/wait.ts';

let people = 0;

/** A person registered through the server at `url`, signed in, owning a new workspace. */
export async function ownerWithWorkspace(
  url: string
): Promise<{ client: ApiClient; workspaceId: string }> {
  const client = new ApiClient(url);
  const email = `engines${++people}.${Date.now()}@example.org`;
  const res = await client.post('/api/auth/register', {
    email,
    password: PASSWORD,
    displayName: 'Анна Лобанова'
  });
  if (res.status !== 202) throw new Error(`register answered ${res.status}: ${res.text}`);
  const login = await client.post('/api/auth/login', { email, password: PASSWORD });
  if (login.status !== 200) throw new Error(`sign-in answered ${login.status}: ${login.text}`);
  const ws = await client.post('/api/workspaces', { name: 'Сеть учреждений Курска' });
  if (ws.status !== 201) throw new Error(`create workspace answered ${ws.status}: ${ws.text}`);
  return { client, workspaceId: (ws.json as { workspace: { id: string } }).workspace.id };
}

/**
 * One device writing to one room over a raw socket with acknowledgements: each write pushes a
 * line onto the document's `lines` array (its own Yjs client id, so it never depends on what the
 * server holds) and resolves once the server says it is stored.
 */
export class AckedWriter {
  readonly doc = new Y.Doc();
  readonly acknowledged: string[] = [];
  readonly socket: RawClient;
  #sent = 0;

  private constructor(socket: RawClient) {
    this.socket = socket;
  }

  static async open(syncUrl: string, room: string, cookie: string): Promise<AckedWriter> {
    const socket = await RawClient.open(`${syncUrl}/${room}?acks=1&token=`, {
      headers: { cookie }
    });
    return new AckedWriter(socket);
  }

  /** Sends the line; resolves with whether the server acknowledged it before closing. */
  async write(line: string): Promise<boolean> {
    const before = Y.encodeStateVector(this.doc);
    this.doc.getArray<string>('lines').push([line]);
    const n = ++this.#sent;
    this.socket.send(updateFrame(Y.encodeStateAsUpdate(this.doc, before)));
    await waitFor(
      () => this.stored() >= n || this.socket.closedWith !== null,
      `the server acknowledges «${line}» or closes`,
      30_000
    );
    if (this.stored() < n) return false;
    this.acknowledged.push(line);
    return true;
  }

  /** The highest "saved" count the server sent. */
  stored(): number {
    let best = 0;
    for (const frame of this.socket.received) best = Math.max(best, savedCount(frame) ?? 0);
    return best;
  }
}

/** The lines of a stored room, rebuilt from its snapshot and updates alone. */
export function storedLines(stored: {
  snapshot: Uint8Array | null;
  updates: { data: Uint8Array }[];
}): string[] {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  const lines = doc.getArray<string>('lines').toArray();
  doc.destroy();
  return lines;
}

/** The lines one stored update adds (each write's update carries exactly its own line). */
export function linesOfUpdate(update: Uint8Array): string[] {
  const lines: string[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    const content = (struct as { content?: { arr?: unknown[] } }).content;
    for (const value of content?.arr ?? []) if (typeof value === 'string') lines.push(value);
  }
  return lines;
}
