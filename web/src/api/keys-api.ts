/**
 * A board's keys, as its facilitators manage them (docs/protocol.md): more facilitator keys,
 * named, listed and revoked, and a new projector key; and the board's deletion. Every call
 * carries the facilitator key.
 */

import type {
  BoardId,
  FacilitatorKeyInfo,
  FacilitatorKeyMinted,
  ParticipantId,
  ProjectorKey,
} from '../protocol/generated';
import { request } from './http-api';

const keysPath = (board: BoardId) => `/api/boards/${encodeURIComponent(board)}/facilitator-keys`;

export function listFacilitatorKeys(board: BoardId, key: string): Promise<FacilitatorKeyInfo[]> {
  return request('GET', keysPath(board), { bearer: key });
}

export function mintFacilitatorKey(board: BoardId, key: string, name: string): Promise<FacilitatorKeyMinted> {
  return request('POST', keysPath(board), { bearer: key, body: { name } });
}

export async function revokeFacilitatorKey(board: BoardId, key: string, participant: ParticipantId): Promise<void> {
  await request<null>('DELETE', `${keysPath(board)}/${encodeURIComponent(participant)}`, { bearer: key });
}

/** A new projector key; every older one stops working. */
export function newProjectorKey(board: BoardId, key: string): Promise<ProjectorKey> {
  return request('POST', `/api/boards/${encodeURIComponent(board)}/projector-key`, { bearer: key });
}

/** Deletes the board with everything on it, for good (`DELETE /api/boards/{id}`). */
export async function deleteBoard(board: BoardId, key: string): Promise<void> {
  await request<null>('DELETE', `/api/boards/${encodeURIComponent(board)}`, { bearer: key });
}
