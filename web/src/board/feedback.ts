/**
 * The feedback form's rules as the browser checks them before sending (the server stays the
 * judge: shared/src/feedback.rs), and what to say when an answer or the summary fails.
 */

import { ApiFailure } from '../api/http-api';
import type { MessageKey } from '../i18n/en';
import { MAX_FEEDBACK_CHARS, charCount } from './limits';
import { identityCodeIn } from './personal-data';

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

const RATING_LABEL: Record<Rating, MessageKey> = {
  1: 'feedbackRating1',
  2: 'feedbackRating2',
  3: 'feedbackRating3',
  4: 'feedbackRating4',
  5: 'feedbackRating5',
};

export function ratingLabel(rating: Rating): MessageKey {
  return RATING_LABEL[rating];
}

/** Why the answer cannot be sent as it is, or `null` when it can. */
export function feedbackProblem(rating: number | null, text: string): MessageKey | null {
  if (rating === null || !RATINGS.includes(rating as Rating)) return 'feedbackRatingMissing';
  if (charCount(text.trim()) > MAX_FEEDBACK_CHARS) return 'feedbackTextTooLong';
  if (identityCodeIn(text) !== null) return 'feedbackPersonalData';
  return null;
}

/** What to tell someone whose answer (or whose look at the results) failed. */
export function feedbackFailure(error: unknown): MessageKey {
  const code = error instanceof ApiFailure ? error.code : 'network';
  switch (code) {
    case 'network':
      return 'errorNetwork';
    case 'feedback_closed':
      return 'feedbackClosedNow';
    case 'invalid_field':
    case 'invalid_request':
      return 'feedbackInvalid';
    case 'bad_token':
    case 'forbidden':
      return 'feedbackNoAccess';
    default:
      return 'errorServer';
  }
}

/** The average to one decimal, as the language writes numbers ("4,5" in Finnish). */
export function formatAverage(average: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average);
}
