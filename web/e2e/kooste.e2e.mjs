// The kooste (workshop summary) download, in a real browser against a running talkoot server
// (its address in TALKOOT_URL). A facilitator runs a small board with a phone, then:
//
//   1. opens "Download the summary": the menu is axe-clean, by keyboard;
//   2. downloads the Markdown: the Innokylä layout (background, what was done, results), the
//      notes ranked, no names; the request carried the key in a header, never in a URL;
//   3. with "Include participants’ names" ticked, the phone's name is in it;
//   4. downloads the printable page: a self-contained page in the board's language that axe
//      finds clean on screen, in print and at 320 px, where it does not scroll sideways.
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/kooste.e2e.mjs
//
// Run by tests/tests/browser_kooste.rs. Exits 0 only when every step passed.

import { expectNoAxeViolations, noteIn, postNote } from './board-page.mjs';
import { joinFromPhone } from './join-page.mjs';
import { downloadKooste, recordRequestUrls } from './kooste-download.mjs';
import { createBoard, openAsFacilitator } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, openScreen } from './screens.mjs';
import { LIVE_TIMEOUT_MS, assert } from './story.mjs';

const TITLE = 'Family services: the kooste';
const CASE = 'Client case (fictional): a family of five moves to town.';
const [G1, G2] = ['Maternity clinics', 'Child welfare'];
const PHONE_NOTE = 'Evening hours at the clinic, with <b>no</b> markup # kept as text';
const FACILITATOR_NOTE = 'One shared client plan';

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({ title: TITLE, description: CASE, sections: [G1, G2] });
  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  const urls = recordRequestUrls(facilitator);
  const phone = await openScreen(browser, PHONE, 'phone', errors);

  await step('a phone and the facilitator post notes', async () => {
    await openAsFacilitator(facilitator, board);
    await joinFromPhone(phone, TITLE, 'the phone', { code: board.join_code, name: 'Maija Meikäläinen' });
    await postNote(phone, G1, PHONE_NOTE);
    await postNote(facilitator, G2, FACILITATOR_NOTE);
    await noteIn(facilitator, G1, PHONE_NOTE).waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('the export menu opens by keyboard and is axe-clean', async () => {
    const toggle = facilitator.getByRole('button', { name: 'Download the summary' });
    await toggle.focus();
    await facilitator.keyboard.press('Enter');
    await facilitator.locator('#export-panel').getByRole('button', { name: 'Markdown', exact: true }).waitFor();
    assert((await toggle.getAttribute('aria-expanded')) === 'true', 'the menu says it is open');
    await expectNoAxeViolations(facilitator, 'export menu');
  });

  await step('the Markdown kooste has the Innokylä layout, the notes and no names; the key stayed out of every URL', async () => {
    const { name, text } = await downloadKooste(facilitator, 'Markdown');
    assert(/^summary-family-services-the-kooste-\d{4}-\d{2}-\d{2}\.md$/.test(name), `the file name: ${name}`);
    const headings = text.split('\n').filter((l) => l.startsWith('#'));
    assert(
      JSON.stringify(headings) ===
        JSON.stringify([`# ${TITLE}`, '## Background', '## What was done', '## Results', '### Groups and notes by votes', `#### ${G1}`, `#### ${G2}`]),
      `the headings: ${JSON.stringify(headings)}`,
    );
    assert(text.includes(`## Background\n\n${CASE}`), 'the case is the background');
    assert(text.includes('1. **Write**'), 'the phases are what was done');
    assert(text.includes('Evening hours at the clinic, with \\<b\\>no\\</b\\> markup \\# kept as text (0 votes)'), `the phone's note, escaped:\n${text}`);
    assert(text.includes(`${FACILITATOR_NOTE} (0 votes)`), 'the facilitator’s note');
    assert(!text.includes('Maija'), 'no names unless asked for');
    await facilitator.locator('#export-panel').getByText(`Downloaded ${name}.`).waitFor();
    const key = board.facilitator_key;
    const leaked = urls.filter((u) => u.includes(key) || u.includes(encodeURIComponent(key)));
    // The facilitator link itself holds the key in its #fragment, which never reaches a server.
    const sent = leaked.filter((u) => !u.startsWith(`${new URL(u).origin}/#`));
    assert(sent.length === 0, `the key went into a request URL: ${sent.join(', ')}`);
    assert(urls.some((u) => /\/api\/boards\/[^/]+\/export\?format=md&names=false$/.test(u)), 'the export was requested');
  });

  await step('with names ticked, the writer’s name is in it', async () => {
    const { text } = await downloadKooste(facilitator, 'Markdown', { includeNames: true });
    assert(text.includes('(0 votes, Maija Meikäläinen)'), `the name: ${text}`);
  });

  await step('the printable page is self-contained, in the board’s language, and axe-clean on screen, in print and at 320 px', async () => {
    const { name, text } = await downloadKooste(facilitator, 'Printable page');
    assert(name.endsWith('.html'), name);
    assert(text.startsWith('<!DOCTYPE html>\n<html lang="en">'), 'the board’s language');
    assert(!/<script|<link|src=/.test(text), 'nothing from outside');
    const printed = await openScreen(browser, DESKTOP, 'printed kooste', errors);
    await printed.setContent(text);
    assert((await printed.getByRole('heading', { level: 1 }).innerText()) === TITLE, 'its heading is the title');
    assert((await printed.getByRole('columnheader', { name: 'Note' }).count()) === 2, 'a table per group, with header cells');
    assert((await printed.getByText('<b>no</b>', { exact: false }).count()) === 1, 'the note’s markup shows as text');
    await expectNoAxeViolations(printed, 'printable kooste');
    await printed.emulateMedia({ media: 'print' });
    await expectNoAxeViolations(printed, 'printable kooste in print');
    await printed.emulateMedia({ media: 'screen' });
    await printed.setViewportSize({ width: 320, height: 640 });
    const widths = await printed.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert(widths.scroll <= widths.client, `the page is ${widths.scroll} px wide at 320 px`);
    await expectNoAxeViolations(printed, 'printable kooste at 320 px');
  });
}

await runStory({ name: 'kooste', run: 'cargo test -p talkoot-tests --test browser_kooste' }, tell);
