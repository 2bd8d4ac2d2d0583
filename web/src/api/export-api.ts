/**
 * The kooste download (docs/protocol.md, `GET /api/boards/{id}/export`). The facilitator key
 * travels in the Authorization header, never in the URL, so the file is fetched here and handed
 * to the browser as a download rather than linked to.
 */

import { ApiFailure } from './http-api';
import type { ApiError, BoardId } from '../protocol/generated';

export type KoosteFormat = 'md' | 'html' | 'csv' | 'json';

export interface KoosteFile {
  blob: Blob;
  filename: string;
}

/** The file name the server gave in Content-Disposition, or a plain one. */
export function filenameOf(disposition: string | null, format: KoosteFormat): string {
  const match = disposition?.match(/filename="([^"]+)"/);
  return match?.[1] ?? `kooste.${format}`;
}

export async function fetchKooste(
  board: BoardId,
  key: string,
  format: KoosteFormat,
  includeNames: boolean,
): Promise<KoosteFile> {
  const query = new URLSearchParams({ format, names: String(includeNames) });
  let response: Response;
  try {
    response = await fetch(`/api/boards/${encodeURIComponent(board)}/export?${query}`, {
      headers: { Authorization: `Bearer ${key}` },
    });
  } catch (e) {
    throw new ApiFailure('network', String(e));
  }
  if (!response.ok) {
    const error = (await response.json().catch(() => null)) as Partial<ApiError> | null;
    throw new ApiFailure(error?.error ?? 'unavailable', error?.message ?? `HTTP ${response.status}`);
  }
  return { blob: await response.blob(), filename: filenameOf(response.headers.get('Content-Disposition'), format) };
}

/** Hands `file` to the browser to save, as a link with `download` would. */
export function saveFile(file: KoosteFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy by the next task; the URL only holds memory.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
