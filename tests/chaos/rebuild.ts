/**
 * Every chaos room rebuilt from PostgreSQL alone: the stored snapshot and updates read with `pg`
 * and applied to an empty Y.Doc, with no Uzel process involved, so a state that lived only in
 * some instance's memory cannot hide a loss.
 */
import pg from 'pg';
import * as Y from 'yjs';

export type Rebuilt = {
  texts: Map<string, string>;
  /**
   * Sequence numbers of the workspace missing from the stored updates. Compaction legitimately
   * folds rows into a snapshot, so only numbers above the newest snapshot count.
   */
  sequenceHoles: number;
};

export async function rebuildFromDatabase(options: {
  databaseUrl: string;
  workspace: string;
  rooms: string[];
}): Promise<Rebuilt> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
  try {
    const texts = new Map<string, string>();
    for (const room of options.rooms) {
      const name = `${options.workspace}/${room}`;
      const doc = new Y.Doc();
      const snapshots = await pool.query<{ data: Buffer }>(
        'SELECT data FROM room_snapshots WHERE room = $1',
        [name]
      );
      const updates = await pool.query<{ data: Buffer }>(
        'SELECT data FROM room_updates WHERE room = $1 ORDER BY seq',
        [name]
      );
      for (const row of [...snapshots.rows, ...updates.rows])
        Y.applyUpdate(doc, new Uint8Array(row.data));
      texts.set(room, doc.getText('t').toString());
      doc.destroy();
    }
    const prefix = `${options.workspace}/%`;
    const { rows } = await pool.query<{ seq: string }>(
      'SELECT seq FROM room_updates WHERE room LIKE $1 ORDER BY seq',
      [prefix]
    );
    const floor = await pool.query<{ up_to: string | null }>(
      'SELECT max(up_to_seq) AS up_to FROM room_snapshots WHERE room LIKE $1',
      [prefix]
    );
    const seqs = rows.map((row) => Number(row.seq));
    let expected = Number(floor.rows[0]?.up_to ?? 0) + 1;
    let sequenceHoles = 0;
    for (const seq of seqs) {
      if (seq < expected) continue;
      sequenceHoles += seq - expected;
      expected = seq + 1;
    }
    return { texts, sequenceHoles };
  } finally {
    await pool.end();
  }
}
