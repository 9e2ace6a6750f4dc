// Node's flags for the server process, shared by `npm start` and the relay benchmarks so that
// what is measured is what runs. deploy/uzel.service repeats them on its ExecStart line.
/** @type {readonly string[]} */
export const SERVER_NODE_FLAGS = [];
