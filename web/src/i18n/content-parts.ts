/**
 * A UI message with board content in it ("Delete the section “{title}”…"), cut into the UI's
 * words and the content's, so the content can carry the board's `lang` (WCAG 3.1.2). Placeholders
 * named in `content` become content parts; the others are filled from `vars` as `t()` would.
 */

import { interpolate, type MessageVars } from './interpolate';

export interface MessagePart {
  text: string;
  /** Board content, in the board's language. */
  content: boolean;
}

export function contentParts(message: string, content: Record<string, string>, vars: MessageVars = {}): MessagePart[] {
  const parts: MessagePart[] = [];
  let rest = 0;
  for (const m of message.matchAll(/\{(\w+)\}/g)) {
    const name = m[1]!;
    if (!(name in content)) continue;
    const before = message.slice(rest, m.index);
    if (before) parts.push({ text: interpolate(before, vars), content: false });
    parts.push({ text: content[name]!, content: true });
    rest = m.index + m[0].length;
  }
  const tail = message.slice(rest);
  if (tail) parts.push({ text: interpolate(tail, vars), content: false });
  return parts;
}
