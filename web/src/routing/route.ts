/**
 * The app's places, read from the URL fragment. Browsers never send the fragment to a server,
 * so the keys in `#/b/<board>/f/<key>` and `#/b/<board>/p/<key>` stay out of access logs and
 * proxies.
 */

import type { BoardId, SectionId } from '../protocol/generated';

export type Route =
  /**
   * The landing page; `code` prefills the join form (`#/join/<code>`, the board's QR code), and
   * `group` is the section a table's QR code puts the participant in (`#/join/<code>/g/<section>`).
   * The server's QR codes (server/src/join_address.rs) hold these same shapes.
   */
  | { page: 'landing'; code: string | null; group: SectionId | null }
  /** The create-a-workshop form. */
  | { page: 'create' }
  /** A board, opened with whatever credentials this browser holds for it. */
  | { page: 'board'; board: BoardId }
  /** The facilitator's capability link: remember the key, then show the board. */
  | { page: 'facilitator-link'; board: BoardId; key: string }
  /** The facilitator's printable sheet of join QR codes, one page per group. */
  | { page: 'qr-sheet'; board: BoardId }
  /** The board as the screen at the front of the room shows it, opened with the projector key. */
  | { page: 'projector'; board: BoardId }
  /** The projector link: remember the projector key, then show the projector view. */
  | { page: 'projector-link'; board: BoardId; key: string }
  | { page: 'not-found' };

const ID = '([A-Za-z0-9_-]{1,64})';
const SECRET = '([A-Za-z0-9_.~-]{1,256})';

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/' || path === '') return { page: 'landing', code: null, group: null };
  if (path === '/new') return { page: 'create' };
  if (path === '/join') return { page: 'landing', code: null, group: null };
  let m = path.match(new RegExp(`^/join/([^/]{1,64})(?:/g/${ID})?$`));
  if (m) {
    const code = safeDecode(m[1]!);
    if (code !== null && /^[0-9 -]{1,32}$/.test(code)) return { page: 'landing', code, group: m[2] ?? null };
    return { page: 'not-found' };
  }
  m = path.match(new RegExp(`^/b/${ID}$`));
  if (m) return { page: 'board', board: m[1]! };
  m = path.match(new RegExp(`^/b/${ID}/qr$`));
  if (m) return { page: 'qr-sheet', board: m[1]! };
  m = path.match(new RegExp(`^/b/${ID}/projector$`));
  if (m) return { page: 'projector', board: m[1]! };
  m = path.match(new RegExp(`^/b/${ID}/f/${SECRET}$`));
  if (m) return { page: 'facilitator-link', board: m[1]!, key: m[2]! };
  m = path.match(new RegExp(`^/b/${ID}/p/${SECRET}$`));
  if (m) return { page: 'projector-link', board: m[1]!, key: m[2]! };
  return { page: 'not-found' };
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export const href = {
  landing: (): string => '#/',
  create: (): string => '#/new',
  join: (code: string): string => `#/join/${encodeURIComponent(code)}`,
  board: (board: BoardId): string => `#/b/${board}`,
  qrSheet: (board: BoardId): string => `#/b/${board}/qr`,
  facilitator: (board: BoardId, key: string): string => `#/b/${board}/f/${encodeURIComponent(key)}`,
  projector: (board: BoardId): string => `#/b/${board}/projector`,
  projectorLink: (board: BoardId, key: string): string => `#/b/${board}/p/${encodeURIComponent(key)}`,
};

/** The whole address of a place in the app, for a link people copy to another device. */
export function shareableLink(fragment: string, page: { origin: string; pathname: string } = location): string {
  return `${page.origin}${page.pathname}${fragment}`;
}
