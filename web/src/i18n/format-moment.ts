/**
 * A moment as people say it in the UI's language: the time alone when it is today, with the
 * date before it otherwise ("14.32", "3.5.2026 klo 14.32").
 */

import type { Language } from '../protocol/generated';

/** English in the form used in Finland: day before month, 24-hour clock. */
const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export function formatMoment(at: number, language: Language, now: number = Date.now()): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  const format = new Intl.DateTimeFormat(LOCALES[language], sameDay ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' });
  return format.format(at);
}
