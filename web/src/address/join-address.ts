/**
 * The address phones join at. It is the server's `--public-url` when the operator set one, and
 * otherwise the address this browser opened the app at: the one the facilitator typed, which is
 * right when phones reach the server by the same name (a LAN address, a real host name) and
 * wrong when it is `localhost`. The server's QR codes follow the same rule and hold the join
 * link itself (server/src/http/qr.rs, server/src/join_address.rs), so the "join at …" text on
 * screen and the code beside it agree.
 */

/** `scheme://host[:port]/`: the public URL (the server writes it with its trailing slash), or the page's origin. */
export function joinBase(publicUrl: string | null, origin: string): string {
  return publicUrl ?? `${origin}/`;
}

/** The base as people read and type it: no `https://`, no trailing slash. */
export function readableAddress(base: string): string {
  return base.replace(/^https?:\/\//, '').replace(/\/+$/, '');
}

/**
 * Whether `base` names this computer only (`localhost`, 127.0.0.0/8, ::1, and the "any"
 * address 0.0.0.0 that some browsers open): a phone that opens it reaches itself, not the server.
 */
export function isLoopbackAddress(base: string): boolean {
  let host: string;
  try {
    host = new URL(base).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '0.0.0.0') return true;
  // The URL parser writes IPv6 in brackets and compressed, and ::ffff:127.0.0.1 as ::ffff:7f00:1.
  return host === '[::1]' || host === '[::]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}
