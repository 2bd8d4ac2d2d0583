/**
 * What a text box's counter says: characters left, or, past the limit, how many too many, in
 * words with the right plural ("1 character too many"), never a negative count.
 */

import type { MessageKey } from './en';
import type { MessageVars } from './interpolate';

export function charactersLeft(left: number, t: (key: MessageKey, vars?: MessageVars) => string): string {
  if (left === 1) return t('charactersLeftOne');
  if (left >= 0) return t('charactersLeft', { count: left });
  if (left === -1) return t('charactersOverOne');
  return t('charactersOver', { count: -left });
}
