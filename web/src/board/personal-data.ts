/**
 * Personal data in what someone is about to post (a note, an edit, a comment).
 *
 * - A Finnish personal identity code (henkilötunnus) must never reach a board: the server
 *   refuses it (`rejected{personal_data}`, shared/src/personal_data.rs), and this port of its
 *   check refuses it before sending, with the same message. Both are tested against
 *   shared/tests/personal_data_vectors.json. The rules, in short: DDMMYY, a century sign
 *   (`+`; `-` `Y` `X` `W` `V` `U`; `A`–`F`), an individual number 002–999 and the mod-31 check
 *   character; a real date (leap days by the full year); found in running text but not inside a
 *   longer run of letters and digits; letters in either case; invisible characters skipped.
 * - Phone numbers and e-mail addresses are only warned about: a workshop may well want a
 *   shared contact ("call the helpdesk on 09 123 4567"), so the person decides and may send
 *   anyway. The server does not look for them.
 */

import { isInvisible } from './limits';

const CODE_CHARS = 11;
const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const CENTURY: Record<string, number> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};
const ALPHANUMERIC = /^[\p{Alphabetic}\p{N}]$/u;
const DIGITS = /^[0-9]+$/;

/** The first valid personal identity code in `text`, as written there, or null. */
export function identityCodeIn(text: string): string | null {
  // The visible characters (whole code points) with where each starts and ends in `text`.
  const chars: { c: string; from: number; to: number }[] = [];
  let at = 0;
  for (const c of text) {
    if (!isInvisible(c)) chars.push({ c, from: at, to: at + c.length });
    at += c.length;
  }
  for (let start = 0; start + CODE_CHARS <= chars.length; start++) {
    const end = start + CODE_CHARS;
    const gluedBefore = start > 0 && ALPHANUMERIC.test(chars[start - 1]!.c);
    const gluedAfter = end < chars.length && ALPHANUMERIC.test(chars[end]!.c);
    if (gluedBefore || gluedAfter) continue;
    if (isIdentityCode(chars.slice(start, end).map((x) => x.c))) return text.slice(chars[start]!.from, chars[end - 1]!.to);
  }
  return null;
}

/** Whether exactly these 11 characters are a valid code. */
function isIdentityCode(code: string[]): boolean {
  const [dd, mm, yy, zzz] = [code.slice(0, 2), code.slice(2, 4), code.slice(4, 6), code.slice(7, 10)].map((d) =>
    d.join(''),
  ) as [string, string, string, string];
  if (![dd, mm, yy, zzz].every((d) => DIGITS.test(d))) return false;
  const century = CENTURY[code[6]!.toUpperCase()];
  if (century === undefined) return false;
  const individual = Number(zzz);
  if (individual < 2 || !isDate(century + Number(yy), Number(mm), Number(dd))) return false;
  return code[10]!.toUpperCase() === CHECK_CHARS[Number(dd + mm + yy + zzz) % 31];
}

function isDate(year: number, month: number, day: number): boolean {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

// Phone numbers: international (+ or 00, a country code, 6–13 more digits, single spaces or
// hyphens between them, "(0)" allowed) or Finnish national (0, an area or operator code that
// does not start with 0, 5–9 more digits; the area code may be in brackets). A number glued to
// letters or digits, a sum such as "10 000 000", a postal code or a time range is not one.
const PHONE =
  /(?<![\p{Alphabetic}\p{N}+])(?:(?:\+|00)[1-9]\d{0,2}(?:[ -]?\(0\))?(?:[ -]?\d){6,13}|\(?0[1-9]\d{0,2}\)?(?:[ -]?\d){5,9})(?![\p{Alphabetic}\p{N}])/gu;
const EMAIL = /(?<![\p{Alphabetic}\p{N}._%+-])[\p{Alphabetic}\p{N}._%+-]+@(?:[\p{Alphabetic}\p{N}-]+\.)+\p{Alphabetic}{2,}(?![\p{Alphabetic}\p{N}])/gu;

/** The phone numbers and e-mail addresses in `text`, as written there, in order. */
export function contactDetailsIn(text: string): string[] {
  const found = [...text.matchAll(PHONE), ...text.matchAll(EMAIL)];
  return found.sort((a, b) => a.index - b.index).map((m) => m[0]);
}

/**
 * What stands in the way of posting `text`: an identity code (refused, as the server would),
 * contact details (a warning the person may override), or nothing.
 */
export type PersonalData = { kind: 'identity_code' } | { kind: 'contact_details'; found: string[] } | null;

export function personalDataIn(text: string): PersonalData {
  if (identityCodeIn(text) !== null) return { kind: 'identity_code' };
  const found = contactDetailsIn(text);
  return found.length > 0 ? { kind: 'contact_details', found } : null;
}
