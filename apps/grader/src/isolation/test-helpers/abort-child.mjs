/* global process */
// A training child that dies of SIGABRT as soon as it has its job, far under any memory budget: what a
// native crash (a backend's failed assertion, a bad instruction) looks like to trainIsolated.
process.once('message', () => {
  process.send({ type: 'ready', backend: 'test' }, () => process.abort());
});
