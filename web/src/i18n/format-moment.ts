/**
 * Moments and days as people write them in the UI's language, the same on every screen and in
 * every browser (Intl gives the numbers in the device's time zone; the shape is ours, as engines
 * disagree on it): "14.32" / "4.12.2026 klo 14.32", "14.32" / "4.12.2026 kl. 14.32" (Swedish as
 * written in Finland, with a point), "14:32" / "4 December 2026, 14:32".
 */

import type { Language } from '../protocol/generated';
import { en } from './en';
import { fi } from './fi';
import { interpolate } from './interpolate';
import { sv } from './sv';

/** English in the form used in Finland: day before month, 24-hour clock. */
const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
const AT = { fi: fi.momentAt, sv: sv.momentAt, en: en.momentAt };

function parts(at: number, options: Intl.DateTimeFormatOptions, language: Language): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat(LOCALES[language], options).formatToParts(at)) out[p.type] = p.value;
  return out;
}

/** The time of day: "9.05" in Finnish and Swedish, "09:05" in English. */
export function formatTime(at: number, language: Language): string {
  const point = language !== 'en';
  const p = parts(at, { hour: point ? 'numeric' : '2-digit', minute: '2-digit', hourCycle: 'h23' }, language);
  return `${p.hour}${point ? '.' : ':'}${p.minute}`;
}

/** A day with a time: "4.12.2026 klo 14.32", "4.12.2026 kl. 14.32", "4 December 2026, 14:32". */
export function formatDateTime(at: number, language: Language): string {
  return interpolate(AT[language], { date: shortDay(at, language), time: formatTime(at, language) });
}

/** The time alone when it is today, with the date before it otherwise. */
export function formatMoment(at: number, language: Language, now: number = Date.now()): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return sameDay ? formatTime(at, language) : formatDateTime(at, language);
}

/** "4.12.2026" in Finnish and Swedish, "4 December 2026" in English. */
function shortDay(at: number, language: Language, timeZone?: string): string {
  if (language === 'en') return formatDay(at, language, timeZone);
  const p = parts(at, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone }, language);
  return `${p.day}.${p.month}.${p.year}`;
}

/** A day in words, for dates months away ("3. toukokuuta 2026", "3 May 2026"). */
export function formatDay(at: number, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone }).format(at);
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
  if (language === 'fi') return shortDay(at, language, 'UTC');
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}
