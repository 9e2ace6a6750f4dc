// Node's flags for the server process, shared by `npm start` and the relay benchmarks so that
// what is measured is what runs. deploy/uzel.service repeats them on its ExecStart line.
//
// --max-semi-space-size=4: V8's young generation grows to 2 × 16 MiB under a steady stream of
// small messages and stays there; the relay's short-lived garbage (frames, decoded updates) fits
// in 2 × 4 MiB. An idle server with 1,000 connections holds about 20 MiB less, see
// tests/perf/RESULTS.md for what it costs in CPU.
/** @type {readonly string[]} */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];
