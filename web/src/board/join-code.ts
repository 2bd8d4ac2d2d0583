/**
 * The join code: 8 digits that people read off a projector and type on a phone keypad. It is
 * shown in two groups of four ("4821 5903") because that is how people read it aloud.
 */

export const JOIN_CODE_DIGITS = 8;

/** The digits of what someone typed: spaces, dashes and other separators are dropped. */
export function normalizeJoinCode(input: string): string {
  return input.replace(/[\s\-–.]/g, '');
}

export function isCompleteJoinCode(input: string): boolean {
  return new RegExp(`^\\d{${JOIN_CODE_DIGITS}}$`).test(normalizeJoinCode(input));
}

/** "48215903" → "4821 5903". */
export function formatJoinCode(code: string): string {
  const digits = normalizeJoinCode(code);
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * The code read out digit by digit, in the groups it is shown in: "48215903" with the English
 * digit words → "four eight two one, five nine zero three". `digitWords` names 0–9 in order.
 */
export function spellJoinCode(code: string, digitWords: readonly string[]): string {
  return formatJoinCode(code)
    .split(' ')
    .map((group) => [...group].map((digit) => digitWords[Number(digit)] ?? digit).join(' '))
    .join(', ');
}
