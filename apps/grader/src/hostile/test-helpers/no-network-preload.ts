/**
 * A Node `--import` preload (written to a file by the test) that makes every way of reaching the
 * network throw and records the attempt, and records each process it loads in. `fork` passes
 * `--import` on to the training children, so they are covered too.
 */
export const NO_NETWORK_PRELOAD = `
import { appendFileSync } from 'node:fs';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const log = process.env.NO_NETWORK_LOG;
appendFileSync(log, 'loaded ' + process.pid + '\\n');
const refuse = (what) => function refused() {
  appendFileSync(log, 'attempt ' + process.pid + ' ' + what + '\\n');
  throw new Error('network blocked by the test: ' + what);
};
net.Socket.prototype.connect = refuse('net.Socket.prototype.connect');
net.connect = refuse('net.connect');
net.createConnection = refuse('net.createConnection');
tls.connect = refuse('tls.connect');
dgram.createSocket = refuse('dgram.createSocket');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  dns[name] = refuse('dns.' + name);
  dns.promises[name] = refuse('dns.promises.' + name);
}
http.request = refuse('http.request');
http.get = refuse('http.get');
https.request = refuse('https.request');
https.get = refuse('https.get');
globalThis.fetch = refuse('fetch');
`;
