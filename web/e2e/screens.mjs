// The screens of a workshop, each a browser context of its own (its own storage, its own
// network to switch off): the facilitator's laptop, a participant's 375×667 touch phone, and
// the venue PC that drives the projector.
// Every screen is watched for errors from its first page on.

import { watchForErrors } from './board-page.mjs';

export const DESKTOP = { viewport: { width: 1280, height: 800 }, locale: 'en-US' };
export const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: 'en-US' };
export const VENUE_PC = { viewport: { width: 1920, height: 1080 }, locale: 'en-US' };

/**
 * A new screen with `options` (DESKTOP, PHONE, or a size of its own) and its page, called
 * `who` in what `errors` collects. `page.context()` is the screen, e.g. to take its network.
 */
export async function openScreen(browser, options, who, errors, leavePrompts = null) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  watchForErrors(page, who, errors, leavePrompts);
  return page;
}
