/** The note and section colours, in the order pickers show them. */

import type { Colour } from '../protocol/generated';
import type { MessageKey } from '../i18n/en';

export const COLOURS: readonly Colour[] = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'];

export const COLOUR_NAME_KEYS: Record<Colour, MessageKey> = {
  yellow: 'colourYellow',
  pink: 'colourPink',
  blue: 'colourBlue',
  green: 'colourGreen',
  orange: 'colourOrange',
  purple: 'colourPurple',
};

/** A colour for the n-th new section, so neighbouring sections differ without anyone choosing. */
export function sectionColour(n: number): Colour {
  const cycle: Colour[] = ['blue', 'green', 'orange', 'purple', 'pink', 'yellow'];
  return cycle[n % cycle.length]!;
}
