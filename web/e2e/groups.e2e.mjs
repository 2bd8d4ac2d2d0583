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

import { expectLive, expectNoAxeViolations, noteIn, section, watchForErrors } from './board-page.mjs';
import { launchChromium } from './chromium.mjs';
import { focused, tabTo } from './keyboard.mjs';
import { LIVE_TIMEOUT_MS, Story, StoryStopped, assert, eventually } from './story.mjs';

const BASE = (process.env.TALKOOT_URL ?? '').replace(/\/+$/, '');

const DESKTOP = { viewport: { width: 1280, height: 800 }, locale: 'en-US' };
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: 'en-US' };

const TITLE = 'Family services 2026';
const TABLES = ['Table 1: maternity clinics', 'Table 2: family counselling', 'Table 3: child welfare'];
const [T1, T2, T3] = TABLES;
const T1_NOTE = 'Table 1: evening hours at the clinic';
const PICKER = 'Which group are you in?';

async function createBoard() {
  const response = await fetch(`${BASE}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: TITLE,
      description: 'Client case: a family of five moves to town.',
      language: 'en',
      sections: TABLES.map((title, i) => ({ title, colour: ['blue', 'green', 'pink'][i] })),
    }),
  });
  assert(response.status === 201, `creating the board answered ${response.status}`);
  const board = await response.json();
  const snapshot = await fetch(`${BASE}/api/boards/${board.board_id}`, {
    headers: { authorization: `Bearer ${board.facilitator_key}` },
  }).then((r) => r.json());
  const sections = Object.values(snapshot.board.sections).sort((a, b) => (a.order < b.order ? -1 : 1));
  assert(JSON.stringify(sections.map((s) => s.title)) === JSON.stringify(TABLES), `the sections are ${sections.map((s) => s.title)}`);
  return { ...board, sections };
}

/** The board's sections as the page shows them, top to bottom, by title. */
const sectionOrder = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('main section.column')].map((s) =>
      document.getElementById(s.getAttribute('aria-labelledby') ?? '')?.textContent?.trim(),
    ),
  );

/** Whether the section's heading button says it is folded (`false`) or open (`true`). */
const expandedState = (page, title) => section(page, title).getByRole('heading', { level: 2 }).getByRole('button').getAttribute('aria-expanded');

/** What the facilitator's section says about who sits in its group. */
const onlineAt = (page, title) => section(page, title).locator('.group-online').innerText();

async function expectCounts(facilitator, expected) {
  await eventually(`the facilitator sees ${JSON.stringify(expected)} online per table`, async () => {
    for (const [title, count] of Object.entries(expected)) {
      if ((await onlineAt(facilitator, title)).trim() !== `${count} online`) return false;
    }
    return true;
  });
}

/** A participant's board laid out for their group: theirs first with the one composer, the others folded. */
async function expectGroupFirst(page, who, mine) {
  await eventually(`${who}'s board shows "${mine}" first`, async () => (await sectionOrder(page))[0] === mine);
  const order = await sectionOrder(page);
  assert(
    JSON.stringify([...order].sort()) === JSON.stringify([...TABLES].sort()),
    `${who}'s board shows every table once: ${JSON.stringify(order)}`,
  );
  const composers = page.getByRole('textbox', { name: /New note/ });
  assert((await composers.count()) === 1, `${who}'s board has one box for new notes, has ${await composers.count()}`);
  assert((await section(page, mine).getByRole('textbox', { name: /New note/ }).count()) === 1, `the box is in "${mine}"`);
  await section(page, mine).getByText('Your group', { exact: true }).waitFor();
  for (const other of TABLES.filter((t) => t !== mine)) {
    const state = await expandedState(page, other);
    assert(state === 'false', `"${other}" is folded on ${who}'s board (aria-expanded=${state})`);
  }
}

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard();
  const [s1, s2, s3] = board.sections;

  const facilitatorContext = await browser.newContext(DESKTOP);
  const facilitator = await facilitatorContext.newPage();
  watchForErrors(facilitator, 'facilitator', errors);

  await step('the facilitator’s board shows every table, each with how many sit at it (axe-clean)', async () => {
    await facilitator.goto(`${BASE}/#/b/${board.board_id}/f/${encodeURIComponent(board.facilitator_key)}`);
    await facilitator.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectLive(facilitator, 'the facilitator');
    await expectCounts(facilitator, { [T1]: 0, [T2]: 0, [T3]: 0 });
    assert(JSON.stringify(await sectionOrder(facilitator)) === JSON.stringify(TABLES), 'the facilitator sees the board’s order');
    assert((await facilitator.getByRole('textbox', { name: /New note/ }).count()) === 3, 'the facilitator has a composer in every table');
    const composer = section(facilitator, T1).getByRole('textbox', { name: /New note/ });
    await composer.fill(T1_NOTE);
    await section(facilitator, T1).getByRole('button', { name: 'Post' }).click();
    await noteIn(facilitator, T1, T1_NOTE).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(facilitator, 'facilitator board with the counts per table');
  });

  const phoneA = await (await browser.newContext(PHONE)).newPage();
  watchForErrors(phoneA, 'phone A', errors);

  await step('phone A opens table 3’s QR address: one tap joins, straight into group 3, no question asked', async () => {
    await phoneA.goto(`${BASE}/#/join/${board.join_code}/g/${s3.id}`);
    await phoneA.getByText('This is a table’s code: joining puts you in that table’s group.').waitFor();
    await phoneA.getByRole('button', { name: 'Join', exact: true }).tap();
    await phoneA.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectLive(phoneA, 'phone A');
    assert((await phoneA.getByRole('heading', { name: PICKER }).count()) === 0, 'phone A should not be asked for a group');
    await phoneA.getByText(`Your group: ${T3}`).waitFor();
  });

  await step('phone A shows table 3 first with its one composer on the first screen, the other tables folded (axe-clean)', async () => {
    await expectGroupFirst(phoneA, 'phone A', T3);
    await phoneA.evaluate(() => window.scrollTo(0, 0));
    const box = await section(phoneA, T3).getByRole('textbox', { name: /New note/ }).boundingBox();
    assert(box && box.y >= 0 && box.y + box.height <= 667, `table 3's composer should be on phone A's first screen, is at ${JSON.stringify(box)}`);
    const fold = section(phoneA, T1).getByRole('heading', { level: 2 }).getByRole('button');
    const label = (await fold.innerText()).replace(/\s+/g, ' ');
    assert(label.includes('1 note'), `the folded table 1 says how many notes it holds: ${label}`);
    assert(!(await phoneA.getByText(T1_NOTE).isVisible()), 'the folded table’s notes are not shown');
    await expectNoAxeViolations(phoneA, 'phone in group 3 with the other tables folded');
  });

  await step('the facilitator sees 1 at table 3', async () => {
    await expectCounts(facilitator, { [T1]: 0, [T2]: 0, [T3]: 1 });
  });

  await step('a folded table opens to read, with no composer in it (axe-clean)', async () => {
    const fold = section(phoneA, T1).getByRole('heading', { level: 2 }).getByRole('button');
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
    await phoneA.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectLive(phoneA, 'phone A');
    await expectGroupFirst(phoneA, 'phone A', T3);
    await expectCounts(facilitator, { [T1]: 0, [T2]: 0, [T3]: 1 });
  });

  const phoneB = await (await browser.newContext(PHONE)).newPage();
  watchForErrors(phoneB, 'phone B', errors);

  await step('phone B joins by code with the keyboard alone and is asked which group it is in (axe-clean)', async () => {
    await phoneB.goto(`${BASE}/#/join`);
    await phoneB.getByLabel('Join code').waitFor();
    let onCode = false;
    for (let i = 0; i < 20 && !onCode; i++) {
      await phoneB.keyboard.press('Tab');
      onCode = (await focused(phoneB)).id === 'join-code';
    }
    assert(onCode, 'Tab never reached the join code field');
    await phoneB.keyboard.type(board.join_code);
    await phoneB.keyboard.press('Enter');
    await phoneB.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectLive(phoneB, 'phone B');
    const picker = phoneB.getByRole('region', { name: PICKER });
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
    await phoneB.getByRole('region', { name: PICKER }).waitFor({ state: 'detached' });
    await expectGroupFirst(phoneB, 'phone B', T2);
    await eventually('focus is on table 2’s heading', async () => (await focused(phoneB)).id === `section-${s2.id}-title`);
    await expectCounts(facilitator, { [T1]: 0, [T2]: 1, [T3]: 1 });
    await expectNoAxeViolations(phoneB, 'phone in group 2');
  });

  await step('phone B changes to table 1 by keyboard: the current group is marked, the count moves (axe-clean)', async () => {
    await phoneB.evaluate(() => window.scrollTo(0, 0));
    await phoneB.getByRole('heading', { level: 1 }).focus();
    await tabTo(phoneB, 'Change group', 'the "Change group" button');
    await phoneB.keyboard.press('Enter');
    const picker = phoneB.getByRole('region', { name: PICKER });
    await picker.waitFor();
    await eventually('focus is on the question', async () => (await focused(phoneB)).text === PICKER);
    const current = picker.locator('[aria-current="true"]');
    assert((await current.count()) === 1, 'one choice is marked as the current group');
    assert((await current.innerText()).includes(T2), `the current group is table 2: ${await current.innerText()}`);
    await expectNoAxeViolations(phoneB, 'phone changing group');
    await tabTo(phoneB, T1, `the "${T1}" choice`);
    await phoneB.keyboard.press('Enter');
    await expectGroupFirst(phoneB, 'phone B', T1);
    await noteIn(phoneB, T1, T1_NOTE).waitFor();
    await eventually('focus is on table 1’s heading', async () => (await focused(phoneB)).id === `section-${s1.id}-title`);
    await expectCounts(facilitator, { [T1]: 1, [T2]: 0, [T3]: 1 });
    await expectNoAxeViolations(phoneB, 'phone in group 1');
    await expectNoAxeViolations(facilitator, 'facilitator board with the new counts');
  });

  await step('no script errors, stray dialogs or CSP refusals on any screen', async () => {
    assert(errors.length === 0, errors.join('\n'));
  });
}

async function main() {
  if (!BASE) {
    console.error('Set TALKOOT_URL, or run: cargo test -p talkoot-tests --test browser_groups');
    return 2;
  }
  console.log(`talkoot groups end-to-end: ${BASE}`);
  const browser = await launchChromium();
  const story = new Story();
  const errors = [];
  try {
    await tell(story, browser, errors);
  } catch (error) {
    if (!(error instanceof StoryStopped)) story.crashed(error);
  } finally {
    await browser.close();
  }
  console.log(story.summary());
  return story.ok ? 0 : 1;
}

process.exitCode = await main();
