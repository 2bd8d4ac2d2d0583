/**
 * The UI language and `t()`, the one way components get text. The language is, in order: what
 * the person chose with the switcher (remembered), the board's language once a board is open,
 * the browser's language, Finnish.
 */

import type { Language } from '../protocol/generated';
import { browserLanguage, isLanguage } from './browser-language';
import { contentParts, type MessagePart } from './content-parts';
import { en, type MessageKey, type Messages } from './en';
import { fi } from './fi';
import { interpolate, type MessageVars } from './interpolate';
import { sv } from './sv';

const TABLES: Record<Language, Messages> = { fi, sv, en };
const CHOSEN_KEY = 'talkoot.language';

function readChosen(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(CHOSEN_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

class Locale {
  /** Chosen with the language switcher. */
  chosen = $state<Language | null>(readChosen());
  /** The language of the open board, if any. */
  board = $state<Language | null>(null);

  get current(): Language {
    const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
    return this.chosen ?? this.board ?? browserLanguage(preferred);
  }
}

export const locale = new Locale();

export function chooseLanguage(language: Language): void {
  locale.chosen = language;
  try {
    globalThis.localStorage?.setItem(CHOSEN_KEY, language);
  } catch {
    // not remembered, but still switched for this tab
  }
}

/** The message for `key` in the current language, with `{placeholders}` filled from `vars`. */
export function t(key: MessageKey, vars?: MessageVars): string {
  return interpolate(TABLES[locale.current][key], vars);
}

/**
 * The language of the open board's content (titles, case material, notes, phases…), for its
 * `lang` attribute: the UI may be in another language (WCAG 3.1.2). `undefined` with no board.
 */
export function contentLang(): Language | undefined {
  return locale.board ?? undefined;
}

/** The message for `key` in the current language with its placeholders unfilled. */
export function rawMessage(key: MessageKey): string {
  return TABLES[locale.current][key];
}

/** `t(key, vars)` cut around the board content in `content` (i18n/content-parts.ts). */
export function tWithContent(key: MessageKey, content: Record<string, string>, vars?: MessageVars): MessagePart[] {
  return contentParts(rawMessage(key), content, vars);
}
