// Groups on phones, in real browsers against a running talkoot server (its address in
// TALKOOT_URL). A facilitator on a laptop runs a board with three tables (sections); two
// participants join from 375×667 phones:
//
//   1. phone A opens table 3's QR address (#/join/<code>/g/<section>): one tap on Join puts it
//      in group 3 with no question asked; its board shows table 3 first, with the one box for
//      new notes, and the other tables folded, still readable when opened; a reload keeps it;
//   2. phone B joins by code with the keyboard alone, is asked which group it is in, and picks
//      table 2 with Tab and Enter; focus lands on its group's heading;
//   3. phone B changes group (keyboard only) to table 1;
//   4. all along, the facilitator sees how many sit at each table, live.
//
// Every new state is checked with axe (WCAG 2.1 A/AA).
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/groups.e2e.mjs
//
// Run by tests/tests/browser_groups.rs. Exits 0 only when every step passed.

import { expectBoardLive, expectNoAxeViolations, expectOnFirstScreen, noteIn, postNote, section } from './board-page.mjs';
import { GROUP_QUESTION, expectGroupFirst, expectOnlineCounts, foldButton, groupPicker, sectionOrder } from './group-view.mjs';
import { fillJoinForm, tapJoin } from './join-page.mjs';
import { focused, tabTo } from './keyboard.mjs';
import { createBoard, openAsFacilitator } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

const TITLE = 'Family services 2026';
const TABLES = ['Table 1: maternity clinics', 'Table 2: family counselling', 'Table 3: child welfare'];
const [T1, T2, T3] = TABLES;
const T1_NOTE = 'Table 1: evening hours at the clinic';

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({ title: TITLE, description: 'Client case: a family of five moves to town.', sections: TABLES });
  const [s1, s2, s3] = board.sections;
  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);

  await step('the facilitator’s board shows every table, each with how many sit at it (axe-clean)', async () => {
    await openAsFacilitator(facilitator, board);
    await expectOnlineCounts(facilitator, { [T1]: 0, [T2]: 0, [T3]: 0 });
    assert(JSON.stringify(await sectionOrder(facilitator)) === JSON.stringify(TABLES), 'the facilitator sees the board’s order');
    assert((await facilitator.getByRole('textbox', { name: /New note/ }).count()) === 3, 'the facilitator has a composer in every table');
    await postNote(facilitator, T1, T1_NOTE);
    await noteIn(facilitator, T1, T1_NOTE).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(facilitator, 'facilitator board with the counts per table');
  });

  const phoneA = await openScreen(browser, PHONE, 'phone A', errors);

  await step('phone A opens table 3’s QR address: one tap joins, straight into group 3, no question asked', async () => {
    await fillJoinForm(phoneA, { code: board.join_code, group: s3.id });
    await phoneA.getByText('This is a table’s code: joining puts you in that table’s group.').waitFor();
    await tapJoin(phoneA, TITLE, 'phone A');
    assert((await phoneA.getByRole('heading', { name: GROUP_QUESTION }).count()) === 0, 'phone A should not be asked for a group');
    await phoneA.getByText(`Your group: ${T3}`).waitFor();
  });

  await step('phone A shows table 3 first with its one composer on the first screen, the other tables folded (axe-clean)', async () => {
    await expectGroupFirst(phoneA, 'phone A', T3, TABLES);
    await expectOnFirstScreen(phoneA, section(phoneA, T3).getByRole('textbox', { name: /New note/ }), 'table 3’s composer on phone A');
    const fold = foldButton(phoneA, T1);
    const label = (await fold.innerText()).replace(/\s+/g, ' ');
    assert(label.includes('1 note'), `the folded table 1 says how many notes it holds: ${label}`);
    assert(!(await phoneA.getByText(T1_NOTE).isVisible()), 'the folded table’s notes are not shown');
    await expectNoAxeViolations(phoneA, 'phone in group 3 with the other tables folded');
  });

  await step('the facilitator sees 1 at table 3', async () => {
    await expectOnlineCounts(facilitator, { [T1]: 0, [T2]: 0, [T3]: 1 });
  });

  await step('a folded table opens to read, with no composer in it (axe-clean)', async () => {
    const fold = foldButton(phoneA, T1);
    await fold.tap();
    assert((await fold.getAttribute('aria-expanded')) === 'true', 'the opened table says it is expanded');
    const controls = await fold.getAttribute('aria-controls');
    assert(controls && (await phoneA.locator(`#${controls}`).count()) === 1, `the button controls the notes it shows (${controls})`);
    await noteIn(phoneA, T1, T1_NOTE).waitFor();
    assert((await section(phoneA, T1).getByRole('textbox').count()) === 0, 'another group’s table offers no composer');
    await expectNoAxeViolations(phoneA, 'phone with another table opened to read');
    await fold.tap();
    assert((await fold.getAttribute('aria-expanded')) === 'false', 'tapped again, it folds');
  });

  await step('phone A reloads: it is still in group 3, and the facilitator still counts it there', async () => {
    await phoneA.reload();
    await expectBoardLive(phoneA, TITLE, 'phone A');
    await expectGroupFirst(phoneA, 'phone A', T3, TABLES);
    await expectOnlineCounts(facilitator, { [T1]: 0, [T2]: 0, [T3]: 1 });
  });

  const phoneB = await openScreen(browser, PHONE, 'phone B', errors);

  await step('phone B joins by code with the keyboard alone and is asked which group it is in (axe-clean)', async () => {
    await phoneB.goto(`${BASE}/#/join`);
    await phoneB.getByLabel('Join code').waitFor();
    await tabTo(phoneB, (f) => f.id === 'join-code', 'the join code field', { within: 20 });
    await phoneB.keyboard.type(board.join_code);
    await phoneB.keyboard.press('Enter');
    await expectBoardLive(phoneB, TITLE, 'phone B');
    const picker = groupPicker(phoneB);
    await picker.waitFor();
    const choices = (await picker.getByRole('button').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    assert(
      JSON.stringify(choices) === JSON.stringify([...TABLES, 'No group: show every section']),
      `the choices are every table and "no group": ${JSON.stringify(choices)}`,
    );
    // Until it picks, phone B sees the whole board in its order, as before groups.
    assert(JSON.stringify(await sectionOrder(phoneB)) === JSON.stringify(TABLES), 'phone B sees the board’s order meanwhile');
    await expectNoAxeViolations(phoneB, 'phone asked which group it is in');
  });

  await step('phone B picks table 2 with Tab and Enter: focus lands on its group, which comes first (axe-clean)', async () => {
    await tabTo(phoneB, T2, `the "${T2}" choice`);
    await phoneB.keyboard.press('Enter');
    await groupPicker(phoneB).waitFor({ state: 'detached' });
    await expectGroupFirst(phoneB, 'phone B', T2, TABLES);
    await eventually('focus is on table 2’s heading', async () => (await focused(phoneB)).id === `section-${s2.id}-title`);
    await expectOnlineCounts(facilitator, { [T1]: 0, [T2]: 1, [T3]: 1 });
    await expectNoAxeViolations(phoneB, 'phone in group 2');
  });

  await step('phone B changes to table 1 by keyboard: the current group is marked, the count moves (axe-clean)', async () => {
    await phoneB.evaluate(() => window.scrollTo(0, 0));
    await phoneB.getByRole('heading', { level: 1 }).focus();
    await tabTo(phoneB, 'Change group', 'the "Change group" button');
    await phoneB.keyboard.press('Enter');
    const picker = groupPicker(phoneB);
    await picker.waitFor();
    await eventually('focus is on the question', async () => (await focused(phoneB)).text === GROUP_QUESTION);
    const current = picker.locator('[aria-current="true"]');
    assert((await current.count()) === 1, 'one choice is marked as the current group');
    assert((await current.innerText()).includes(T2), `the current group is table 2: ${await current.innerText()}`);
    await expectNoAxeViolations(phoneB, 'phone changing group');
    await tabTo(phoneB, T1, `the "${T1}" choice`);
    await phoneB.keyboard.press('Enter');
    await expectGroupFirst(phoneB, 'phone B', T1, TABLES);
    await noteIn(phoneB, T1, T1_NOTE).waitFor();
    await eventually('focus is on table 1’s heading', async () => (await focused(phoneB)).id === `section-${s1.id}-title`);
    await expectOnlineCounts(facilitator, { [T1]: 1, [T2]: 0, [T3]: 1 });
    await expectNoAxeViolations(phoneB, 'phone in group 1');
    await expectNoAxeViolations(facilitator, 'facilitator board with the new counts');
  });
}

await runStory({ name: 'groups', run: 'cargo test -p talkoot-tests --test browser_groups' }, tell);
