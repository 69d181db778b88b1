/* global process */
// A training child whose JavaScript heap grows until V8 stops it at --max-old-space-size (which
// trainIsolated sets to the memory budget), unless the parent's resident-memory poll kills it first.
process.once('message', () => {
  process.send({ type: 'ready', backend: 'test' }, () => {
    const kept = [];
    for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => ({ i })));
  });
});
