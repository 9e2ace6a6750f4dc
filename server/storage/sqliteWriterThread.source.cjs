/* eslint-disable @typescript-eslint/no-require-imports -- tsx's CommonJS hook, on purpose (below) */
// The SQLite writer thread run from source (`node --import tsx`, the test runner). Node 20 does
// not apply a worker's `--import tsx` to the worker's own entry, and tsx's ESM loader would start
// a loader thread of its own (several hundred ms at every start); its CommonJS hook loads the
// module in-thread.
// The bundle starts its own sqliteWriterThread.mjs instead (see SqliteWriter).
require('tsx/cjs/api').register();
require('./sqliteWriterThread.ts');
