// Moving through a page with the keyboard alone, as someone who uses no pointer does.

/** What has focus now: its tag, id and text. */
export const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? '', id: el?.id ?? '', text: el?.textContent?.trim() ?? '' };
  });

/**
 * Presses Tab until focus is on `target` (keyboard only), then stops there: `target` is the
 * start of the focused element's text, or a test of what `focused` says. Gives up after
 * `within` presses, so that a target meant to be near is not found far off.
 */
export async function tabTo(page, target, what, { within = 80 } = {}) {
  const reached = typeof target === 'function' ? target : (f) => f.text.startsWith(target);
  for (let i = 0; i < within; i++) {
    await page.keyboard.press('Tab');
    if (reached(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}${typeof target === 'string' ? ` ("${target}…")` : ''}`);
}
