/**
 * A moment as people say it in the UI's language: the time alone when it is today, with the
 * date before it otherwise ("14.32", "3.5.2026 klo 14.32"); and a day, months away, in words.
 */

import type { Language } from '../protocol/generated';

/** English in the form used in Finland: day before month, 24-hour clock. */
const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export function formatMoment(at: number, language: Language, now: number = Date.now()): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  const format = new Intl.DateTimeFormat(LOCALES[language], sameDay ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' });
  return format.format(at);
}

/** A day in words, for dates months away ("3. toukokuuta 2026", "3 May 2026"). */
export function formatDay(at: number, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long' }).format(at);
}

/**
 * A calendar date (`YYYY-MM-DD`, as a task's due date is kept) as people write it in the UI's
 * language: "31.3.2027", "31 mars 2027", "31 Mar 2027". Read as a day, never as a moment, so no
 * time zone moves it to the day before. A text that is not such a date is shown as it is.
 */
export function formatDate(date: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}
