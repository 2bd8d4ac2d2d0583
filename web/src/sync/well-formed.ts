/**
 * Strings as the wire may carry them. A JavaScript string can hold half an emoji (a lone
 * surrogate, e.g. after a cut at a UTF-16 index), which `JSON.stringify` writes as `\ud83d`.
 * The server stores such a character as U+FFFD; doing the same before an op is queued means
 * the outbox, the screen and the server all hold the same text.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function wellFormed<T>(value: T): T {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wellFormed(v)])) as T;
  }
  return value;
}
