/**
 * A document's text as PostgreSQL alone holds it: its stored snapshot and updates read with `pg`
 * and applied to an empty Y.Doc, no Uzel process involved. What only an instance's memory or a
 * browser held is not in it, so a test that reads it sees what survives the loss of both.
 */
import pg from 'pg';
import * as Y from 'yjs';
import { documentRoots } from '../../src/lib/shared/model/schema.ts';

export async function storedDocumentText(databaseUrl: string, room: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const doc = new Y.Doc();
  try {
    // One statement, one snapshot of the database (a compaction may commit meanwhile).
    const { rows } = await client.query<{ data: Buffer }>(
      `SELECT data FROM (
         SELECT 0 AS kind, 0::int8 AS seq, data FROM room_snapshots WHERE room = $1
         UNION ALL SELECT 1, seq, data FROM room_updates WHERE room = $1
       ) AS stored ORDER BY kind, seq`,
      [room]
    );
    for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
    return textOf(documentRoots.content(doc));
  } finally {
    doc.destroy();
    await client.end();
  }
}

/** The text of a Tiptap fragment, one line per block (marks and attributes left out). */
function textOf(node: Y.XmlFragment | Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText)
    return node
      .toDelta()
      .map((op: { insert: unknown }) => op.insert)
      .join('');
  return node
    .toArray()
    .map((child) => textOf(child as Y.XmlElement | Y.XmlText))
    .join(node instanceof Y.XmlFragment ? '\n' : '');
}
