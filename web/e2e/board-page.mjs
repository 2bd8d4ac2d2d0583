// What the story looks for and does on a talkoot board: sections and notes by what they say,
// posting a note, the phase, the connection state, what a page must never hold, axe's verdict,
// and errors that must never happen (script errors, CSP refusals, stray dialogs such as an
// alert() from note text).

import AxeBuilder from '@axe-core/playwright';
import { LIVE_TIMEOUT_MS, assert } from './story.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function expectNoAxeViolations(page, view) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const problems = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n         ${v.nodes
        .slice(0, 5)
        .map((n) => `${n.target.join(' ')} – ${n.failureSummary?.split('\n').join(' ')}`)
        .join('\n         ')}`,
  );
  assert(problems.length === 0, `axe found ${problems.length} violation(s) on the ${view}:\n       ${problems.join('\n       ')}`);
}

/**
 * Collects script errors, CSP refusals and dialogs into `errors`. A "leave the page?" prompt is
 * expected only where the story passes `leavePrompts`: it is counted there and accepted.
 */
export function watchForErrors(page, who, errors, leavePrompts = null) {
  page.on('pageerror', (e) => errors.push(`${who}: uncaught ${e.message}`));
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) errors.push(`${who}: ${msg.text()}`);
  });
  page.on('dialog', async (d) => {
    if (leavePrompts && d.type() === 'beforeunload') {
      leavePrompts.push(d);
      await d.accept();
      return;
    }
    errors.push(`${who}: an unexpected ${d.type()} dialog opened: ${d.message()}`);
    await d.dismiss();
  });
}

/** A section of the board, found by its heading. */
export const section = (page, title) => page.getByRole('region', { name: title, exact: true });

/** The note (list item) with exactly this text in a section. */
export const noteIn = (page, sectionTitle, text) =>
  section(page, sectionTitle)
    .getByRole('listitem')
    .filter({ has: page.getByText(text, { exact: true }) });

/** The texts of a section's notes that the server has (not those still being sent), top to bottom. */
export const noteTexts = (page, sectionTitle) => section(page, sectionTitle).locator('p[id$="-text"]').allTextContents();

/** Taps on a touch screen and clicks elsewhere, as the screen's user would. */
export async function tapOrClick(locator) {
  const touch = await locator.page().evaluate(() => navigator.maxTouchPoints > 0);
  await (touch ? locator.tap() : locator.click());
}

/** Types a new note into a section's composer and presses Post. */
export async function postNote(page, sectionTitle, text) {
  await section(page, sectionTitle).getByRole('textbox', { name: /New note/ }).fill(text);
  await tapOrClick(section(page, sectionTitle).getByRole('button', { name: 'Post' }));
}

export const countNotes = (page, sectionTitle, text) => noteIn(page, sectionTitle, text).count();

/** Waits until the section shows every one of `texts` as a note card. */
export async function expectNotesIn(page, who, sectionTitle, texts) {
  for (const text of texts) {
    await noteIn(page, sectionTitle, text)
      .waitFor({ timeout: LIVE_TIMEOUT_MS })
      .catch(() => {
        throw new Error(`${who} should show "${text}" in "${sectionTitle}"`);
      });
  }
}

/** The phase bar or banner (also the projector's phase), by its heading "Phase 2 of 5: Discuss". */
export const phaseRegion = (page, n, count, title) =>
  page.getByRole('region', { name: new RegExp(`^Phase ${n} of ${count}\\s*:\\s*${title}$`) });

/** The join code as screens show it: "4821 5903". */
export const spacedCode = (code) => `${code.slice(0, 4)} ${code.slice(4)}`;

/** Fails if `locator` is not wholly on the page's first screen (scrolled to the top). */
export async function expectOnFirstScreen(page, locator, what) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const { width, height } = page.viewportSize();
  const box = await locator.boundingBox();
  assert(box && box.y >= 0 && box.y + box.height <= height, `${what} should be on a ${width}×${height} screen's first screen, is at ${JSON.stringify(box)}`);
}

/** Fails if any of `texts` is anywhere in the page's DOM, shown or not: in its text or its markup. */
export async function expectNotInPage(page, texts, who) {
  const [text, html] = await page.evaluate(() => [document.documentElement.textContent ?? '', document.documentElement.outerHTML]);
  const found = texts.filter((t) => text.includes(t) || html.includes(t));
  assert(found.length === 0, `${who}'s page holds ${JSON.stringify(found)}`);
}

/** The board titled `title` is on screen and live. */
export async function expectBoardLive(page, title, who) {
  await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  await expectLive(page, who);
}

export async function expectLive(page, who) {
  await page
    .getByText('Live', { exact: true })
    .waitFor({ timeout: LIVE_TIMEOUT_MS })
    .catch(() => {
      throw new Error(`${who}'s board never showed the "Live" connection state`);
    });
}

/** Marks the page so that a reload, which would lose the mark, is noticed. */
export async function markPage(page) {
  await page.evaluate(() => {
    window.__talkootNoReload = true;
  });
}

export async function expectNotReloaded(page, who) {
  const mark = await page.evaluate(() => window.__talkootNoReload === true);
  assert(mark, `${who}'s page was reloaded; updates must arrive live`);
}
