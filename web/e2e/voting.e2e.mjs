// Dot voting and the countdown, in real browsers against a running talkoot server (its address
// in TALKOOT_URL). A facilitator on a laptop, a participant on a 375×667 phone, and the
// projector:
//
//   1. the facilitator makes the first phase a voting one that shows the counts, gives each
//      participant 3 votes and lets several go on one note;
//   2. the phone sees "3 of 3 votes left", votes twice on one note and takes one back; its
//      counter and its own votes follow, and the facilitator sees the total;
//   3. the facilitator starts, pauses and extends the timer: the phone's countdown follows;
//   4. the phone spends its last votes on another note of its group; the projector lists the
//      notes by votes across the groups, each with its group;
//   5. the facilitator ranks the results by group: the projector shows one list under each
//      group's name, most voted first; at zero it shows "Time is up", which the phone's screen
//      reader hears once.
//
// Every new state is checked with axe (WCAG 2.1 A/AA).
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/voting.e2e.mjs
//
// Exits 0 only when every step passed; prints which step failed and why otherwise.

import { expectNoAxeViolations, postNote } from './board-page.mjs';
import { joinFromPhone } from './join-page.mjs';
import { createBoard, openAsFacilitator } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert } from './story.mjs';

const TITLE = 'Park plans 2026';
const A = 'Table A';
const B = 'Table B';
const BENCHES = 'More benches in the park';
const BUS = 'A library bus';
const TREES = 'Shade trees by the playground';

await runStory({ name: 'voting', run: 'cargo test -p talkoot-tests --test browser_voting' }, async (story, browser, errors) => {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({ title: TITLE, sections: [A, B] });
  const facilitator = await openScreen(browser, DESKTOP, 'the facilitator', errors);
  const countdown = (page) => page.locator('.countdown .time');

  await step('the facilitator opens voting with 3 votes each, several allowed on one note (axe-clean)', async () => {
    await openAsFacilitator(facilitator, board);
    await facilitator.getByRole('button', { name: 'Edit phases' }).click();
    const first = facilitator.getByRole('group', { name: 'Phase 1' });
    await first.getByLabel('Title of phase 1').fill('Vote');
    await first.getByLabel('Voting is open').check();
    await first.getByLabel('Vote counts are shown to everyone').check();
    await facilitator.getByRole('button', { name: 'Save phases' }).click();
    await postNote(facilitator, A, BENCHES);
    await postNote(facilitator, B, BUS);
    await postNote(facilitator, A, TREES);
    await facilitator.getByRole('button', { name: 'Start: Vote' }).click();
    await facilitator.getByRole('button', { name: 'Voting', exact: true }).click();
    await facilitator.getByLabel('Votes per participant').fill('3');
    await facilitator.getByLabel('Allow several votes on one note').check();
    await facilitator.locator('#voting-settings').getByRole('button', { name: 'Save' }).click();
    await facilitator.getByText('Each participant has 3 votes.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(facilitator, 'facilitator with the voting settings open');
  });

  const phone = await openScreen(browser, PHONE, 'the phone', errors);

  await step('the phone votes twice on one note and takes one back; counter and marks follow (axe-clean)', async () => {
    await joinFromPhone(phone, TITLE, 'the phone', { code: board.join_code });
    const pick = phone.getByRole('button', { name: A, exact: true });
    if ((await pick.count()) > 0) await pick.first().tap();
    await phone.getByText('3 of 3 votes left').waitFor({ timeout: LIVE_TIMEOUT_MS });
    const vote = phone.getByRole('button', { name: `Vote: ${BENCHES}` });
    await vote.tap();
    await phone.getByText('2 of 3 votes left').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await vote.tap();
    await phone.getByText('1 of 3 votes left').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await phone.getByText('Your votes: 2').waitFor();
    await facilitator.locator('.votes .total', { hasText: '2 votes' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(phone, 'phone with votes given');
    await phone.getByRole('button', { name: `Take vote back: ${BENCHES}` }).tap();
    await phone.getByText('2 of 3 votes left').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await phone.locator('.votes .mine', { hasText: /Your vote\s*$/ }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('the facilitator starts, pauses and extends the timer; the phone follows (axe-clean)', async () => {
    await facilitator.getByLabel('Minutes', { exact: true }).fill('2');
    await facilitator.getByRole('button', { name: 'Start timer' }).click();
    await phone.getByText('Time left').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await facilitator.getByRole('button', { name: 'Pause' }).click();
    await phone.getByText('Timer paused').waitFor({ timeout: LIVE_TIMEOUT_MS });
    const paused = await countdown(phone).innerText();
    await facilitator.getByRole('button', { name: '+1 minute' }).click();
    const [m, s] = paused.split(':').map(Number);
    const extended = `${String(m + 1).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
    await countdown(phone).filter({ hasText: extended }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(facilitator, 'facilitator with a paused timer');
    await expectNoAxeViolations(phone, 'phone with a paused timer');
  });

  const projector = await openScreen(browser, DESKTOP, 'the projector', errors);

  const results = projector.getByRole('region', { name: 'Results: notes by votes' });
  const texts = async (items) => (await items.allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));

  await step('the projector ranks the notes by votes across the groups, each with its group (axe-clean)', async () => {
    const trees = phone.getByRole('button', { name: `Vote: ${TREES}` });
    await trees.tap();
    await phone.getByText('1 of 3 votes left').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await trees.tap();
    await phone.getByText('0 of 3 votes left').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await projector.goto(`${BASE}/#/b/${board.board_id}/p/${encodeURIComponent(board.projector_key)}`);
    await results.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await results.getByRole('listitem').nth(2).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const rows = await texts(results.getByRole('listitem'));
    assert(rows.length === 3, `three notes: ${JSON.stringify(rows)}`);
    assert(rows[0].includes(TREES) && rows[0].includes('2 votes') && rows[0].includes(A), `first: ${rows[0]}`);
    assert(rows[1].includes(BENCHES) && rows[1].includes('1 vote') && rows[1].includes(A), `second: ${rows[1]}`);
    assert(rows[2].includes(BUS) && rows[2].includes('0 votes') && rows[2].includes(B), `third: ${rows[2]}`);
    assert((await results.getByRole('heading', { level: 3 }).count()) === 0, 'one list across the groups has no group headings');
    await expectNoAxeViolations(projector, 'projector results across the groups');
  });

  await step('the facilitator ranks the results by group: one list per group, most voted first; then "Time is up" (axe-clean)', async () => {
    await facilitator.getByRole('button', { name: 'Projector screen', exact: true }).click();
    const byGroup = facilitator.locator('#projector-settings').getByLabel('Results grouped by group');
    assert(!(await byGroup.isChecked()), 'results start ranked across the groups');
    await byGroup.check();
    await results.getByRole('heading', { level: 3, name: A, exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const headings = await texts(results.getByRole('heading', { level: 3 }));
    assert(JSON.stringify(headings) === JSON.stringify([A, B]), `a heading per group, in board order: ${JSON.stringify(headings)}`);
    const inA = await texts(results.getByRole('list', { name: A, exact: true }).getByRole('listitem'));
    assert(inA.length === 2 && inA[0].includes(TREES) && inA[0].includes('2 votes'), `first in ${A}: ${JSON.stringify(inA)}`);
    assert(inA[1].includes(BENCHES) && inA[1].includes('1 vote'), `second in ${A}: ${JSON.stringify(inA)}`);
    const inB = await texts(results.getByRole('list', { name: B, exact: true }).getByRole('listitem'));
    assert(inB.length === 1 && inB[0].includes(BUS) && inB[0].includes('0 votes'), `in ${B}: ${JSON.stringify(inB)}`);
    await expectNoAxeViolations(projector, 'projector results by group');
    await expectNoAxeViolations(facilitator, 'facilitator with the projector settings open');
    await facilitator.getByLabel('Minutes', { exact: true }).fill('0.05');
    await facilitator.getByRole('button', { name: 'Start over' }).click();
    await projector.locator('.countdown .up').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await phone.locator('.countdown .up').waitFor({ timeout: LIVE_TIMEOUT_MS });
    const heard = await phone.getByRole('status').allTextContents();
    assert(heard.filter((t) => t === 'Time is up').length === 1, `the phone hears "Time is up" once: ${JSON.stringify(heard)}`);
    await expectNoAxeViolations(projector, 'projector with the time up');
  });
});
