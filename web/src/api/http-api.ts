/**
 * The app's HTTP calls: create a board and join one, before a board is open (everything after
 * that goes over the WebSocket), and a board's snapshot, which the device keeps.
 */

import type {
  ApiError,
  ApiErrorCode,
  BoardCreated,
  BoardId,
  CreateBoard,
  JoinBoard,
  Joined,
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

async function call<T>(path: string, init: RequestInit): Promise<T> {
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
  return call(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

export function createBoard(request: CreateBoard): Promise<BoardCreated> {
  return post('/api/boards', request);
}

export function joinBoard(request: JoinBoard): Promise<Joined> {
  return post('/api/join', request);
}

/** The board as this token's holder may see it. The token goes in a header, never the URL. */
export function fetchSnapshot(board: BoardId, token: string): Promise<Snapshot> {
  return call(`/api/boards/${encodeURIComponent(board)}`, { headers: { Authorization: `Bearer ${token}` } });
}
