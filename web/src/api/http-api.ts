/**
 * The HTTP calls the app makes: list the templates and create a board, join one, ask the server where phones reach it,
 * read a board's snapshot (for the printable QR sheet, and the view the device keeps), and
 * manage a board's keys (keys-api.ts). Everything live goes over the WebSocket.
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
  StartNextPart,
  Template,
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

export interface RequestOptions {
  body?: unknown;
  /** Sent as `Authorization: Bearer …`: the secret travels in a header, never in the URL. */
  bearer?: string;
  /** The answer may be JSON `null` (e.g. "no answer yet"), which is then a success. */
  nullable?: boolean;
}

/** One call to the API; resolves to the JSON answer (`null` for `204 No Content`). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.bearer !== undefined) headers['Authorization'] = `Bearer ${options.bearer}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
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
  if (response.status === 204) return null as T;
  if (response.ok && (json !== null || (options.nullable && text.trim() === 'null'))) return json as T;
  const error = json as Partial<ApiError> | null;
  throw new ApiFailure(error?.error ?? 'unavailable', error?.message ?? `HTTP ${response.status}`);
}

export function createBoard(body: CreateBoard): Promise<BoardCreated> {
  return request('POST', '/api/boards', { body });
}

/** The built-in templates, each in fi, sv and en, for the create form to start from. */
export function fetchTemplates(): Promise<Template[]> {
  return request('GET', '/api/templates');
}

/** Starts the next part of a series from `board` (its facilitator's key): a new board. */
export function startNextPart(board: BoardId, key: string, body: StartNextPart): Promise<BoardCreated> {
  return request('POST', `/api/boards/${encodeURIComponent(board)}/next-part`, { body, bearer: key });
}

export function joinBoard(body: JoinBoard): Promise<Joined> {
  return request('POST', '/api/join', { body });
}

export function fetchInstance(): Promise<InstanceInfo> {
  return request('GET', '/api/instance');
}

/** The board as the holder of `token` may see it. The secret goes in a header, never the URL. */
export function fetchSnapshot(board: BoardId, token: string): Promise<Snapshot> {
  return request('GET', `/api/boards/${encodeURIComponent(board)}`, { bearer: token });
}

/** Where the server draws the QR code of a board's join address, or of a table's (`group`). */
export function qrImagePath(code: string, group?: SectionId | null): string {
  const query = new URLSearchParams({ code });
  if (group) query.set('group', group);
  return `/api/qr/join.svg?${query}`;
}
