/**
 * The feedback form (docs/protocol.md): an answer while the facilitator has feedback open, the
 * caller's own answer back, and the anonymous summary for facilitators. Answers go over HTTP
 * only, never the WebSocket; whether feedback is open arrives live as board state.
 */

import type { BoardId, FeedbackAnswer, FeedbackSummary, StoredFeedback } from '../protocol/generated';
import { request } from './http-api';

const feedbackPath = (board: BoardId) => `/api/boards/${encodeURIComponent(board)}/feedback`;

/** Gives or changes this holder's answer; refused with `feedback_closed` once feedback closes. */
export function answerFeedback(board: BoardId, token: string, answer: FeedbackAnswer): Promise<StoredFeedback> {
  return request('PUT', feedbackPath(board), { bearer: token, body: answer });
}

/** This holder's own answer, or `null` before they give one. */
export function myFeedback(board: BoardId, token: string): Promise<StoredFeedback | null> {
  return request('GET', `${feedbackPath(board)}/mine`, { bearer: token, nullable: true });
}

/** Every answer, summed up without who gave it: facilitators only. */
export function feedbackSummary(board: BoardId, facilitatorKey: string): Promise<FeedbackSummary> {
  return request('GET', feedbackPath(board), { bearer: facilitatorKey });
}
