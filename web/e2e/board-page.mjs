// What the story looks for on a talkoot page: sections and notes by what they say, the
// connection state, axe's verdict, and errors that must never happen (script errors, CSP
// refusals, stray dialogs such as an alert() from note text).

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

/** Types a new note into a section's composer and taps Post, as on a phone. */
export async function postNote(page, sectionTitle, text) {
  await section(page, sectionTitle).getByRole('textbox', { name: /New note/ }).fill(text);
  await section(page, sectionTitle).getByRole('button', { name: 'Post' }).tap();
}

export const countNotes = (page, sectionTitle, text) => noteIn(page, sectionTitle, text).count();

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
