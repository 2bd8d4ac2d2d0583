// Moving through a page with the keyboard alone, as someone who uses no pointer does.

/** What has focus now: its tag, id and text. */
export const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? '', id: el?.id ?? '', text: el?.textContent?.trim() ?? '' };
  });

/** Presses Tab until the focused element's text starts with `label` (keyboard only), then stops there. */
export async function tabTo(page, label, what) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (text.startsWith(label)) return;
  }
  throw new Error(`Tab never reached ${what} ("${label}…")`);
}
