/**
 * The two HTTP calls the app makes before it has a board open: create one, join one.
 * Everything after that goes over the WebSocket.
 */

import type { ApiError, ApiErrorCode, BoardCreated, CreateBoard, JoinBoard, Joined } from '../protocol/generated';

/** A failed call: the server's error code, or `network` when it could not be reached at all. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode | 'network',
    message: string,
  ) {
    super(message);
  }
}

async function post<T>(path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
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

export function createBoard(request: CreateBoard): Promise<BoardCreated> {
  return post('/api/boards', request);
}

export function joinBoard(request: JoinBoard): Promise<Joined> {
  return post('/api/join', request);
}
