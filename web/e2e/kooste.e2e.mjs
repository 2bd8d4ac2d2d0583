// The kooste (workshop summary) download, in a real browser against a running talkoot server
// (its address in TALKOOT_URL). A facilitator runs a small board with a phone, then:
//
//   1. opens "Download the summary": the menu is axe-clean, by keyboard;
//   2. downloads the Markdown: the Innokylä layout (background, what was done, results, next
//      steps with the task made from a note), the notes ranked, no names; the request carried
//      the key in a header, never in a URL;
//   3. with "Include participants’ names" ticked, the phone's name is in it;
//   4. downloads the printable page: a self-contained page in the board's language that axe
//      finds clean on screen, in print and at 320 px, where it does not scroll sideways;
//   5. starts part 2 with the top 2 notes: a new board opens, with its own join code, the
//      notes pinned in a locked section at its top, the groups, the open task (linked to its
//      carried note), and (for the facilitator) the link back to part 1, whose kooste
//      downloads from part 2.
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/kooste.e2e.mjs
//
// Run by tests/tests/browser_kooste.rs. Exits 0 only when every step passed.

import { expectNoAxeViolations, noteIn, postNote, section } from './board-page.mjs';
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
const TASK_OWNER = 'Sosterin kotihoito';

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

  await step('the facilitator makes a follow-up task from a note', async () => {
    const card = noteIn(facilitator, G2, FACILITATOR_NOTE);
    await card.getByRole('button', { name: 'Make a task' }).click();
    await card.getByLabel('Owner', { exact: false }).first().fill(TASK_OWNER);
    await card.getByRole('button', { name: 'Add task' }).click();
    await card.getByText('Task added to the follow-up tasks.').waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('the export menu opens by keyboard and is axe-clean', async () => {
    const toggle = facilitator.getByRole('button', { name: 'Download the summary' });
    await toggle.focus();
    await facilitator.keyboard.press('Enter');
    await facilitator.locator('#board-export-panel').getByRole('button', { name: 'Markdown', exact: true }).waitFor();
    assert((await toggle.getAttribute('aria-expanded')) === 'true', 'the menu says it is open');
    await expectNoAxeViolations(facilitator, 'export menu');
  });

  await step('the Markdown kooste has the Innokylä layout, the notes and no names; the key stayed out of every URL', async () => {
    const { name, text } = await downloadKooste(facilitator, 'Markdown');
    assert(/^summary-family-services-the-kooste-\d{4}-\d{2}-\d{2}\.md$/.test(name), `the file name: ${name}`);
    const headings = text.split('\n').filter((l) => l.startsWith('#'));
    assert(
      JSON.stringify(headings) ===
        JSON.stringify([`# ${TITLE}`, '## Background', '## What was done', '## Results', '### Groups and notes by votes', `#### ${G1}`, `#### ${G2}`, '## Next steps']),
      `the headings: ${JSON.stringify(headings)}`,
    );
    assert(text.includes(`## Background\n\n${CASE}`), 'the case is the background');
    assert(text.includes('1. **Write**'), 'the phases are what was done');
    assert(text.includes('Evening hours at the clinic, with \\<b\\>no\\</b\\> markup \\# kept as text (0 votes)'), `the phone's note, escaped:\n${text}`);
    assert(text.includes(`${FACILITATOR_NOTE} (0 votes)`), 'the facilitator’s note');
    assert(!text.includes('Maija'), 'no names unless asked for');
    assert(
      text.includes(`| ${FACILITATOR_NOTE} (From the note: ${FACILITATOR_NOTE}) | ${TASK_OWNER} |  | open |`),
      `the task is the next step:\n${text}`,
    );
    await facilitator.locator('#board-export-panel').getByText(`Downloaded ${name}.`).waitFor();
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

  await step('the facilitator starts part 2: a new board with the notes pinned, the groups, and part 1’s kooste (axe-clean)', async () => {
    await facilitator.getByRole('button', { name: 'Start part 2', exact: true }).click();
    const panel = facilitator.locator('#next-part-panel');
    const title = panel.getByLabel('Title of part 2');
    assert((await title.inputValue()) === `${TITLE} – part 2`, `the title starts as "… – part 2": ${await title.inputValue()}`);
    await panel.getByLabel('Most-voted notes to carry over').fill('2');
    await expectNoAxeViolations(facilitator, 'start part 2 form');
    await panel.getByRole('button', { name: 'Start part 2', exact: true }).click();
    await facilitator.getByRole('heading', { level: 1, name: `${TITLE} – part 2` }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const part2 = new URL(facilitator.url()).hash.match(/^#\/b\/([A-Za-z0-9_-]+)$/)?.[1] ?? '';
    assert(part2 && part2 !== board.board_id, `part 2 is a board of its own: ${facilitator.url()}`);
    const pinned = section(facilitator, 'From part 1: most votes');
    await pinned.waitFor();
    for (const text of [PHONE_NOTE, FACILITATOR_NOTE]) await noteIn(facilitator, 'From part 1: most votes', text).waitFor();
    for (const group of [G1, G2]) await section(facilitator, group).waitFor();
    const tasks = facilitator.getByRole('region', { name: 'Follow-up tasks', exact: true });
    const task = (await tasks.getByRole('listitem').first().innerText()).replace(/\s+/g, ' ');
    assert(task.includes(FACILITATOR_NOTE) && task.includes(TASK_OWNER), `the open task came along: ${task}`);
    assert(task.includes(`From note: ${FACILITATOR_NOTE}`), `linked to the carried note: ${task}`);
    const back = facilitator.getByRole('region', { name: 'This is part 2' });
    await back.getByRole('link', { name: TITLE, exact: true }).waitFor();
    await expectNoAxeViolations(facilitator, 'part 2 with the link back');
    const { text } = await downloadKooste(facilitator, 'Markdown', { of: 'previous', toggle: 'Download the summary of part 1' });
    assert(text.startsWith(`# ${TITLE}\n`), `part 1's kooste from part 2: ${text.slice(0, 80)}`);
    await back.getByRole('link', { name: TITLE, exact: true }).click();
    await facilitator.getByRole('heading', { level: 1, name: TITLE, exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  });
}

await runStory({ name: 'kooste', run: 'cargo test -p talkoot-tests --test browser_kooste' }, tell);
