import net from 'node:net';

/**
 * Setup file of the unit, db and transcript projects: tests never touch the network. Every TCP connection
 * (net, tls, http, fetch/undici, pg all end in `Socket.prototype.connect`) to anything but this machine fails
 * at once with an error that says why; Unix sockets and loopback stay open for our own servers.
 */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3}|0\.0\.0\.0|::)$/i;

type ConnectTarget = { host?: string; path?: string };

function targetOf(args: unknown[]): ConnectTarget {
  const [given, second] = args;
  // net.connect() passes its already-normalised arguments as an array: [options, callback].
  const first: unknown = Array.isArray(given) ? (given as unknown[])[0] : given;
  if (typeof first === 'object' && first !== null) return first as ConnectTarget;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) return { host: typeof second === 'string' ? second : undefined };
  if (typeof first === 'string') return { path: first };
  return {};
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const { host, path } = targetOf(args);
  if (path === undefined && !LOOPBACK.test((host ?? 'localhost').replace(/^\[|\]$/g, ''))) {
    throw new Error(`tests may not reach the network (connection to ${host} refused by test/helpers/loopbackOnly.ts); use a local test server`);
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof connect;
