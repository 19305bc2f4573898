import net from 'node:net';

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. Anything unparsable is not loopback. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const bare = address.trim().replace(/^\[|\]$/g, '');
  const v4 = bare.toLowerCase().startsWith('::ffff:') ? bare.slice(7) : bare;
  if (net.isIPv4(v4)) return v4.startsWith('127.');
  if (!net.isIPv6(bare)) return false;
  // Normalise ::1 written out in full (0:0:0:0:0:0:0:1).
  return new net.SocketAddress({ address: bare, family: 'ipv6' }).address === '::1';
}

/**
 * Whether a request came from this machine: its socket peer is loopback and no proxy header names
 * anyone else. The second half matters behind a reverse proxy on the same host, where every
 * request's peer is 127.0.0.1 but X-Forwarded-For / Forwarded / X-Real-IP carry the real client.
 */
export function isLocalRequest(peer: string | undefined, headers: Record<string, string | string[] | undefined>): boolean {
  if (!isLoopbackAddress(peer)) return false;
  return forwardedAddresses(headers).every(isLoopbackAddress);
}

function forwardedAddresses(headers: Record<string, string | string[] | undefined>): string[] {
  const values = (name: string) => [headers[name]].flat().filter((v): v is string => typeof v === 'string');
  const forwardedFor = values('x-forwarded-for').flatMap((v) => v.split(','));
  const realIp = values('x-real-ip');
  // RFC 7239: Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"
  const forwarded = values('forwarded').flatMap((v) => [...v.matchAll(/for=("[^"]*"|[^;,\s]*)/gi)].map((m) => stripPort((m[1] ?? '').replace(/"/g, ''))));
  return [...forwardedFor, ...realIp, ...forwarded].map((a) => a.trim()).filter(Boolean);
}

function stripPort(address: string): string {
  if (address.startsWith('[')) return address.slice(1, address.indexOf(']'));
  return /^[\d.]+:\d+$/.test(address) ? address.slice(0, address.lastIndexOf(':')) : address;
}
