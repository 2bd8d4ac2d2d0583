// Moving through a page with the keyboard alone, as someone who uses no pointer does.

/** What has focus now: its tag, id, text, and label (`aria-label` or its first `<label>`'s text). */
export const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const label = el?.getAttribute('aria-label') ?? el?.labels?.[0]?.textContent ?? '';
    return { tag: el?.tagName ?? '', id: el?.id ?? '', text: el?.textContent?.trim() ?? '', label: label.trim() };
  });

/**
 * Why the focused element is not plainly shown (2.4.7): focus is lost to the page itself, it has
 * no outline or ring, or nothing of it is on screen. Null when it is shown.
 */
export const unshownFocus = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return 'focus is lost: nothing has it';
    const what = `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
    // A visually hidden radio or checkbox shows its focus on its label.
    const label = el.labels?.[0];
    const labelRing = label && (getComputedStyle(label).outlineStyle !== 'none' || getComputedStyle(label).boxShadow !== 'none');
    // Inside a date field, Chromium's own calendar button takes a Tab stop of its own and draws its own ring.
    const browserDrawn = el.matches('input[type="date"], input[type="time"], input[type="datetime-local"]');
    if (!ring && !labelRing && !browserDrawn && el.tabIndex >= 0) return `${what} shows no focus ring`;
    const box = (el.getBoundingClientRect().width > 2 ? el : (label ?? el)).getBoundingClientRect();
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + Math.min(box.height / 2, 20), 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    if (box.bottom < 0 || box.top > innerHeight) return `${what} is off screen`;
    if (hit && !el.contains(hit) && !(label && label.contains(hit)) && !hit.contains(el)) return `${what} is covered by <${hit.tagName.toLowerCase()}> “${(hit.textContent ?? '').trim().slice(0, 40)}”`;
    return null;
  });

/**
 * Presses Tab until focus is on `target` (keyboard only), then stops there: `target` is the
 * start of the focused element's text, or a test of what `focused` says. Gives up after
 * `within` presses, so that a target meant to be near is not found far off. With `shown`,
 * every control passed on the way must show its focus (`unshownFocus`).
 */
export async function tabTo(page, target, what, { within = 80, shown = false } = {}) {
  const reached = typeof target === 'function' ? target : (f) => f.text.startsWith(target);
  for (let i = 0; i < within; i++) {
    await page.keyboard.press('Tab');
    if (shown) {
      // Past the last control, Tab leaves the page for the browser's own controls, and the
      // next one comes back to the first: that is the way round, not lost focus.
      const atEnd = await page.evaluate(() => document.activeElement === document.body);
      if (atEnd) continue;
      const problem = await unshownFocus(page);
      if (problem) throw new Error(`on the way to ${what}, after ${i + 1} Tab(s): ${problem}`);
    }
    if (reached(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}${typeof target === 'string' ? ` ("${target}…")` : ''}`);
}
