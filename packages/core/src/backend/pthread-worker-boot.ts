/**
 * Source of the bootstrap each Emscripten pthread worker runs under Node (a CommonJS script given to
 * `new Worker(source, { eval: true })`).
 *
 * tfjs-backend-wasm hands its pthread workers two `Blob`s through `blob:` URLs — the Emscripten
 * worker glue and the module factory — and Node's workers cannot load `blob:` URLs. The main thread
 * passes the glue Blob in `workerData`; this script reads both Blobs asynchronously, supplies the few
 * names the factory's source expects from the bundle it was cut out of (its renamed `require`s, the
 * tslib helpers, `commonjsGlobal`), and replays the `load` message to the glue. Any failure is posted
 * on `workerData.status` instead of thrown: a throwing worker would take the whole process down
 * through Emscripten's error handler, and the main thread falls back to one thread instead.
 */
export const PTHREAD_WORKER_BOOT = String.raw`
'use strict';
const { parentPort, workerData } = require('worker_threads');
const status = workerData.status;
const early = [];
let ready = false;
const hold = (message) => { if (!ready) early.push(message); };
parentPort.on('message', hold);
const nextMessage = () => new Promise((resolve) => {
  if (early.length > 0) { resolve(early.shift()); return; }
  parentPort.once('message', () => resolve(early.shift()));
});
(async () => {
  const glue = await workerData.glue.text();
  for (const [name, id] of workerData.requires) globalThis[name] = require(id);
  globalThis.commonjsGlobal = globalThis;
  globalThis.__values = (o) => o[Symbol.iterator]();
  globalThis.__read = (o, n) => {
    const out = [];
    for (const v of o) { if (n !== undefined && out.length >= n) break; out.push(v); }
    return out;
  };
  globalThis.__spreadArray = (to, from) => to.concat(Array.prototype.slice.call(from));
  const load = await nextMessage();
  if (!load || load.cmd !== 'load') throw new Error('expected a load message, got ' + JSON.stringify(load && load.cmd));
  const factory = typeof load.urlOrBlob === 'string' ? null : await load.urlOrBlob.text();
  (0, eval)(glue);
  if (factory !== null) {
    (0, eval)(factory);
    const importScripts = globalThis.importScripts;
    globalThis.importScripts = (url) => (url === 'fitcheck:inline' ? undefined : importScripts(url));
    load.urlOrBlob = 'fitcheck:inline';
  }
  ready = true;
  parentPort.off('message', hold);
  globalThis.onmessage({ data: load });
  for (const message of early.splice(0)) globalThis.onmessage({ data: message });
  status.postMessage({ ok: true });
})().catch((e) => {
  status.postMessage({ ok: false, error: String(e && e.stack ? e.stack : e) });
});
`;
