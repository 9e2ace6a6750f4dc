/**
 * The documents file's statements that both SQLite connections use: SqliteStorage's reads on the
 * main thread, and the writer thread's compaction, which reads what it folds (see SqliteWriter).
 */
export const SELECT_ROOM_UPDATES = 'SELECT seq, data FROM room_updates WHERE room = ? ORDER BY seq';
export const SELECT_ROOM_SNAPSHOT = 'SELECT data, up_to_seq FROM room_snapshots WHERE room = ?';
