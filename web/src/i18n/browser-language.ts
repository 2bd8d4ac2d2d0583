/** Picking a UI language before the board tells us its own. */

import type { Language } from '../protocol/generated';

export const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The first of the browser's preferred languages that we have, or Finnish: the app is made for
 * Finnish public services, where Finnish is the default.
 */
export function browserLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
    // Norwegian and Danish readers understand Swedish better than Finnish.
    if (primary === 'nb' || primary === 'nn' || primary === 'no' || primary === 'da') return 'sv';
  }
  return 'fi';
}
