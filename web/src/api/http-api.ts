/**
 * The HTTP calls the app makes: create a board, join one, ask the server where phones reach it,
 * and read a board's snapshot (for the printable QR sheet, and the view the device keeps).
 * Everything live goes over the WebSocket.
 */

import type {
  ApiError,
  ApiErrorCode,
  BoardCreated,
  BoardId,
  CreateBoard,
  InstanceInfo,
  JoinBoard,
  Joined,
  SectionId,
  Snapshot,
} from '../protocol/generated';

/** A failed call: the server's error code, or `network` when it could not be reached at all. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode | 'network',
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiFailure('network', String(e));
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: handled below
  }
  if (response.ok && json !== null) return json as T;
  const error = json as Partial<ApiError> | null;
  throw new ApiFailure(error?.error ?? 'unavailable', error?.message ?? `HTTP ${response.status}`);
}

function post<T>(path: string, body: unknown): Promise<T> {
  return request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

export function createBoard(body: CreateBoard): Promise<BoardCreated> {
  return post('/api/boards', body);
}

export function joinBoard(body: JoinBoard): Promise<Joined> {
  return post('/api/join', body);
}

export function fetchInstance(): Promise<InstanceInfo> {
  return request('/api/instance', {});
}

/** The board as the holder of `token` sees it. The secret goes in a header, never the URL. */
export function fetchSnapshot(board: BoardId, token: string): Promise<Snapshot> {
  return request(`/api/boards/${encodeURIComponent(board)}`, { headers: { Authorization: `Bearer ${token}` } });
}

/** Where the server draws the QR code of a board's join address, or of a table's (`group`). */
export function qrImagePath(code: string, group?: SectionId | null): string {
  const query = new URLSearchParams({ code });
  if (group) query.set('group', group);
  return `/api/qr/join.svg?${query}`;
}
