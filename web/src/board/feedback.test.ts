import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../api/http-api';
import { feedbackFailure, feedbackProblem, formatAverage } from './feedback';
import { MAX_FEEDBACK_CHARS } from './limits';

describe('the feedback form', () => {
  it('needs a rating from 1 to 5', () => {
    expect(feedbackProblem(null, 'hyvä')).toBe('feedbackRatingMissing');
    expect(feedbackProblem(0, '')).toBe('feedbackRatingMissing');
    expect(feedbackProblem(6, '')).toBe('feedbackRatingMissing');
    expect(feedbackProblem(2.5, '')).toBe('feedbackRatingMissing');
    for (const r of [1, 2, 3, 4, 5]) expect(feedbackProblem(r, '')).toBeNull();
  });

  it('counts the text in characters, as the server does, after trimming', () => {
    expect(feedbackProblem(3, 'ä'.repeat(MAX_FEEDBACK_CHARS))).toBeNull();
    expect(feedbackProblem(3, ` ${'👍'.repeat(MAX_FEEDBACK_CHARS)} `)).toBeNull();
    expect(feedbackProblem(3, 'ä'.repeat(MAX_FEEDBACK_CHARS + 1))).toBe('feedbackTextTooLong');
  });

  it('refuses a personal identity code in the text, as the server does', () => {
    expect(feedbackProblem(4, 'Soita minulle, olen 131052-308T')).toBe('feedbackPersonalData');
    expect(feedbackProblem(4, 'Kiitos, 10/10 työpaja')).toBeNull();
  });

  it('says why an answer failed', () => {
    expect(feedbackFailure(new ApiFailure('feedback_closed', ''))).toBe('feedbackClosedNow');
    expect(feedbackFailure(new ApiFailure('invalid_field', ''))).toBe('feedbackInvalid');
    expect(feedbackFailure(new ApiFailure('forbidden', ''))).toBe('feedbackNoAccess');
    expect(feedbackFailure(new ApiFailure('network', ''))).toBe('errorNetwork');
    expect(feedbackFailure(new Error('?'))).toBe('errorNetwork');
    expect(feedbackFailure(new ApiFailure('unavailable', ''))).toBe('errorServer');
  });

  it('writes the average as the language does', () => {
    expect(formatAverage(4.5, 'fi')).toBe('4,5');
    expect(formatAverage(4, 'en')).toBe('4.0');
  });
});
