// The second half of the facilitated workshop (web/e2e/facilitated-workshop.e2e.mjs): from the
// Vote phase the first half ends in, the room prioritises and discusses. The same facilitator,
// venue PC and three phones, with the notes the phones wrote privately and revealed:
//
//   8. the facilitator gives each participant 3 votes, several allowed on one note;
//   9. phone 3 votes from two tabs, the last vote from both at the same moment: the budget
//      holds; phone 1 takes a vote back; phone 2 spends its three;
//  10. while the phase hides the counts, each phone sees only its own votes and the projector
//      none, neither on the page nor on the WebSocket; the facilitator sees the totals;
//  11. the facilitator moves on to Act, which shows the counts: the projector ranks the notes,
//      and a phone sorts its board by votes;
//  12. a comment thread on the top note, counted on the projector;
//  13. an approve-first note: its writer sees it waiting, nobody else holds it until the
//      facilitator approves it from the queue;
//  14. the facilitator posts for "Pöytä 3", who has no phone;
//  15. a timer: every screen shows the same time left, also phone 3 whose clock is 7 minutes
//      fast and which reloads while it runs, and every screen says "Time is up" at zero.
//
// Every new state is checked with axe (WCAG 2.1 A/AA).

import { expectNoAxeViolations, expectNotInPage, noteIn, phaseRegion, postNote, section, tapOrClick, watchForErrors } from './board-page.mjs';
import { openFolded } from './group-view.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';
import { lowContrastTexts } from './text-contrast.mjs';
import { expectNotOnTheWire, receivedFramesWith, recordWebSockets } from './websocket-frames.mjs';

const BUDGET = 3;
const COMMENT = 'Bertil: could the school nurse also see parents?';
const REPLY = 'Phone 1: yes, one afternoon a month';
const WAITING_NOTE = 'Phone1-later: a map of all services for new families';
const TABLE = 'Pöytä 3';
const TABLE_NOTE = 'Pöytä 3: a shared ride to the health station';
/** How fast phone 3's clock runs: far more than the timer, so a countdown on the local clock would show zero. */
const CLOCK_AHEAD_MS = 7 * 60_000;

/** A vote button, named by the start of its note's text (a long text is cut in the name). */
const named = (action, text) => new RegExp(`^${action}: ${text.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
const voteButton = (page, text) => page.getByRole('button', { name: named('Vote', text) });
const takeBackButton = (page, text) => page.getByRole('button', { name: named('Take vote back', text) });
/** The board's votes-left status; with stacking allowed it says so after the count. */
const votesLeft = (page, left) => page.locator('.votes-left', { hasText: new RegExp(`^${left} of ${BUDGET} votes left\\b`) });
const commentsToggle = (note) => note.getByRole('button', { name: /^Comments \(\d+\)$/ });
const commentIn = (note, text) => note.getByRole('listitem').filter({ hasText: text });
const queueButton = (page) => page.getByRole('button', { name: /^Awaiting approval \(\d+\)$/ });
const queue = (page) => page.locator('#approval-queue');
const countdownText = (page) => page.locator('.countdown .time').innerText();

/** `mm:ss` (or `h:mm:ss`) as seconds. */
function seconds(shown) {
  return shown
    .trim()
    .split(':')
    .map(Number)
    .reduce((total, part) => total * 60 + part, 0);
}

/** Votes, from one phone, on notes: `[[text, times], …]`, each tap waiting for the counter. */
async function spend(page, votes, leftBefore) {
  let left = leftBefore;
  for (const [text, times] of votes) {
    for (let i = 0; i < times; i++) {
      await tapOrClick(voteButton(page, text));
      left -= 1;
      await votesLeft(page, left).waitFor({ timeout: LIVE_TIMEOUT_MS });
    }
  }
  return left;
}

/**
 * Tells chapters 8–15 on the screens the first half left: the `facilitator`'s page and the venue
 * `pc`, each with its recorded sockets, the `phones` ({ who, table, note, page, sockets }) and the
 * `tables` in board order; `errors` collects what the new tab reports.
 */
export async function prioritise(story, { errors, facilitator, facilitatorSockets, pc, pcSockets, phones, tables }) {
  const step = (name, fn) => story.step(name, fn);
  const [phone1, phone2, phone3] = phones;
  const [N1, N2, N3] = phones.map((p) => p.note);
  const tableOf = (text) => phones.find((p) => p.note === text).table;
  let phone3Tab = null;
  let tabSockets = [];

  await step(`the facilitator gives each participant ${BUDGET} votes, several allowed on one note; every phone shows them (axe-clean)`, async () => {
    await facilitator.getByRole('button', { name: 'Voting', exact: true }).click();
    await facilitator.getByLabel('Votes per participant').fill(String(BUDGET));
    await facilitator.getByLabel('Allow several votes on one note').check();
    await facilitator.locator('#voting-settings').getByRole('button', { name: 'Save' }).click();
    await facilitator.getByText(`Each participant has ${BUDGET} votes.`).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(facilitator, 'facilitator with the voting settings open');
    await facilitator.getByRole('button', { name: 'Voting', exact: true }).click();
    for (const { page, who, table: mine } of phones) {
      await votesLeft(page, BUDGET).waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
        throw new Error(`${who} should show ${BUDGET} of ${BUDGET} votes left`);
      });
      for (const table of tables) if (table !== mine) await openFolded(page, table);
    }
    await expectNoAxeViolations(phone1.page, 'phone in an open vote');
  });

  await step('phone 3 votes twice from one tab, then its two tabs vote at the same moment: only one of those counts', async () => {
    phone3Tab = await phone3.page.context().newPage();
    watchForErrors(phone3Tab, 'phone 3, second tab', errors);
    tabSockets = recordWebSockets(phone3Tab);
    await phone3Tab.goto(phone3.page.url());
    await votesLeft(phone3Tab, BUDGET).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await spend(phone3.page, [[N3, 2]], BUDGET);
    await votesLeft(phone3Tab, 1).waitFor({ timeout: LIVE_TIMEOUT_MS });
    // Both tabs still see one vote left: each sends it, and the server lets one through.
    await Promise.all([voteButton(phone3.page, N3).dispatchEvent('click'), voteButton(phone3Tab, N3).dispatchEvent('click')]);
    for (const [page, where] of [
      [phone3.page, 'first tab'],
      [phone3Tab, 'second tab'],
    ]) {
      await votesLeft(page, 0).waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
        throw new Error(`phone 3's ${where} should have no votes left`);
      });
      await noteIn(page, tableOf(N3), N3).locator('.votes .mine', { hasText: `Your votes: ${BUDGET}` }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    }
    await noteIn(facilitator, tableOf(N3), N3).locator('.votes .total', { hasText: `${BUDGET} votes` }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(phone3Tab, 'phone with its whole budget spent');
  });

  await step('phone 1 votes on two notes and takes one back; phone 2 spends its three on phone 1’s note', async () => {
    await spend(phone1.page, [[N1, 2], [N2, 1]], BUDGET);
    await tapOrClick(takeBackButton(phone1.page, N1));
    await votesLeft(phone1.page, 1).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await noteIn(phone1.page, tableOf(N1), N1).locator('.votes .mine', { hasText: /Your vote\s*$/ }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await spend(phone2.page, [[N1, 3]], BUDGET);
    await expectNoAxeViolations(phone1.page, 'phone with a vote taken back');
  });

  const totals = { [N1]: 4, [N2]: 1, [N3]: 3 };

  await step('while the counts are hidden, phones see only their own votes and the projector none, on the page and the wire; the facilitator sees the totals', async () => {
    for (const [text, total] of Object.entries(totals)) {
      await noteIn(facilitator, tableOf(text), text).locator('.votes .total', { hasText: `${total} vote` }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    }
    for (const [page, who, sockets] of [
      [pc, 'the venue PC', pcSockets],
      ...phones.map((p) => [p.page, p.who, p.sockets]),
      [phone3Tab, 'phone 3’s second tab', tabSockets],
    ]) {
      assert((await page.locator('.votes .total').count()) === 0, `${who} shows vote totals while they are hidden`);
      assert((await page.getByRole('region', { name: 'Results: notes by votes' }).count()) === 0, `${who} shows results while the counts are hidden`);
      expectNotOnTheWire(sockets, ['"vote_total"'], who);
    }
    assert(receivedFramesWith(facilitatorSockets, '"vote_total"').length > 0, 'the facilitator should have been sent the totals');
    assert(receivedFramesWith(pcSockets, '"ballot"').length === 0, 'the venue PC should not be told of anyone’s ballots');
    await expectNoAxeViolations(facilitator, 'facilitator with the vote totals');
  });

  await step('the facilitator moves on to Act, which shows the counts: the projector ranks the notes with their tables (axe-clean)', async () => {
    await facilitator.getByRole('button', { name: /^4\. Act/ }).click();
    await phaseRegion(pc, 4, 4, 'Act').waitFor({ timeout: LIVE_TIMEOUT_MS });
    const results = pc.getByRole('region', { name: 'Results: notes by votes' });
    await results.waitFor({ timeout: LIVE_TIMEOUT_MS });
    const ranking = [N1, N3, N2];
    await eventually('the projector ranks the notes 4, 3, 1 votes', async () => {
      const rows = (await results.getByRole('listitem').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
      return (
        rows.length === ranking.length &&
        ranking.every((text, i) => rows[i].includes(text) && rows[i].includes(`${totals[text]} vote`) && rows[i].includes(tableOf(text)))
      );
    });
    await expectNoAxeViolations(pc, 'projector results');
  });

  await step('phone 2 sees every total and sorts its table by votes (axe-clean)', async () => {
    const { page } = phone2;
    for (const [text, total] of Object.entries(totals)) {
      await noteIn(page, tableOf(text), text).locator('.votes .total', { hasText: `${total} vote` }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    }
    await page.getByLabel('Sort notes by votes').check();
    // Posted N2 first, the table now reads N3 (3 votes) first.
    const order = () => section(page, phone2.table).locator('p[id$="-text"]').allTextContents();
    await eventually('phone 2’s table reads most votes first', async () => JSON.stringify(await order()) === JSON.stringify([N3, N2]));
    await expectNoAxeViolations(page, 'phone with the counts shown, sorted by votes');
  });

  await step('a comment thread on the top note: phone 2 asks, phone 1 (its writer) sees "Comments (1)" and answers; the facilitator reads both, the projector shows "2 comments" (axe-clean)', async () => {
    const onPhone2 = noteIn(phone2.page, tableOf(N1), N1);
    await tapOrClick(commentsToggle(onPhone2));
    await onPhone2.getByRole('textbox', { name: 'Write a comment' }).fill(COMMENT);
    await tapOrClick(onPhone2.getByRole('button', { name: 'Comment', exact: true }));
    await commentIn(onPhone2, COMMENT).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const onPhone1 = noteIn(phone1.page, tableOf(N1), N1);
    await onPhone1.getByRole('button', { name: 'Comments (1)', exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await tapOrClick(commentsToggle(onPhone1));
    await onPhone1.getByRole('textbox', { name: 'Write a comment' }).fill(REPLY);
    await tapOrClick(onPhone1.getByRole('button', { name: 'Comment', exact: true }));
    await commentIn(onPhone2, REPLY).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const onFacilitator = noteIn(facilitator, tableOf(N1), N1);
    await onFacilitator.getByRole('button', { name: 'Comments (2)', exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await commentsToggle(onFacilitator).click();
    await commentIn(onFacilitator, COMMENT).waitFor();
    await commentIn(onFacilitator, REPLY).waitFor();
    // The projector shows the count, not the thread: the room reads the comments on a phone.
    const ranked = pc.getByRole('region', { name: 'Results: notes by votes' }).getByRole('listitem').filter({ hasText: N1 });
    await ranked.getByText('2 comments', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNotInPage(pc, [COMMENT, REPLY], 'the venue PC');
    const { checked, low } = await lowContrastTexts(pc, { min: 7, within: '.results' });
    assert(checked.some((c) => c.startsWith('p.comments')), `the contrast check should have seen the comment count: ${checked.join(', ')}`);
    assert(low.length === 0, `projector results below 7:1:\n       ${low.join('\n       ')}`);
    await expectNoAxeViolations(phone1.page, 'phone with a comment thread open');
    await expectNoAxeViolations(facilitator, 'facilitator with a comment thread open');
  });

  await step('approve-first: phone 1’s new note waits, seen only by phone 1 and the facilitator, until it is approved (axe-clean)', async () => {
    await queueButton(facilitator).click();
    await queue(facilitator).getByRole('checkbox', { name: 'Approve notes first' }).check();
    await section(phone1.page, phone1.table)
      .getByText('A facilitator approves your note before the others see it.')
      .waitFor({ timeout: LIVE_TIMEOUT_MS });
    await postNote(phone1.page, phone1.table, WAITING_NOTE);
    const card = noteIn(phone1.page, phone1.table, WAITING_NOTE);
    await card.getByText('Waiting for approval', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('the waiting note is saved', async () => (await card.getByText('Saved', { exact: false }).count()) > 0);
    const entry = queue(facilitator).getByRole('listitem').filter({ hasText: WAITING_NOTE });
    await entry.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(phone1.page, 'phone with a note waiting for approval');
    await expectNoAxeViolations(facilitator, 'facilitator with the approval queue');
    for (const [page, who, sockets] of [
      [pc, 'the venue PC', pcSockets],
      [phone2.page, phone2.who, phone2.sockets],
      [phone3.page, phone3.who, phone3.sockets],
    ]) {
      await expectNotInPage(page, [WAITING_NOTE], who);
      expectNotOnTheWire(sockets, [WAITING_NOTE], who);
    }
    await entry.getByRole('button', { name: 'Approve', exact: true }).click();
    await queue(facilitator).getByText('Nothing is waiting for approval.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await pc.getByText(WAITING_NOTE, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await noteIn(phone2.page, phone1.table, WAITING_NOTE).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('phone 1’s note is no longer marked waiting', async () => (await card.getByText('Waiting for approval', { exact: true }).count()) === 0);
    await queueButton(facilitator).click();
  });

  await step(`the facilitator posts for "${TABLE}" at the first table: the phones show "${TABLE}" as its writer, the projector its text`, async () => {
    const [first] = tables;
    const composer = section(facilitator, first);
    await composer.getByRole('textbox', { name: /New note/ }).fill(TABLE_NOTE);
    await composer.getByRole('textbox', { name: /^Post on behalf of/ }).fill(TABLE);
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    for (const { page, who } of phones) {
      const note = noteIn(page, first, TABLE_NOTE);
      await note.waitFor({ timeout: LIVE_TIMEOUT_MS });
      const author = (await note.locator('footer .author').innerText()).trim();
      assert(author.startsWith(TABLE), `${who} should show "${TABLE}" as the note's writer, shows ${JSON.stringify(author)}`);
    }
    await pc.getByText(TABLE_NOTE, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(phone2.page, 'phone with a note posted on behalf of a table');
  });

  const screens = () => [
    [facilitator, 'the facilitator'],
    [pc, 'the venue PC'],
    ...phones.map((p) => [p.page, p.who]),
    [phone3Tab, 'phone 3’s second tab'],
  ];

  await step('a 2-minute timer: every screen shows the same time left within a second, phone 3 too, 7 minutes fast and reloaded (axe-clean)', async () => {
    await facilitator.getByLabel('Minutes', { exact: true }).fill('2');
    await facilitator.getByRole('button', { name: 'Start timer' }).click();
    await pc.getByText('Time left').waitFor({ timeout: LIVE_TIMEOUT_MS });
    // Phone 3's clock jumps 7 minutes ahead, and both its tabs load the board again mid-timer.
    await phone3.page.context().addInitScript((aheadMs) => {
      const RealDate = Date;
      class FastDate extends RealDate {
        constructor(...args) {
          super(...(args.length > 0 ? args : [RealDate.now() + aheadMs]));
        }
        static now() {
          return RealDate.now() + aheadMs;
        }
      }
      globalThis.Date = FastDate;
    }, CLOCK_AHEAD_MS);
    for (const page of [phone3.page, phone3Tab]) await page.reload();
    const ahead = await phone3Tab.evaluate(() => Date.now());
    assert(ahead - Date.now() > CLOCK_AHEAD_MS - 60_000, 'phone 3’s clock should run 7 minutes ahead');
    for (const [page, who] of screens()) {
      await page.locator('.countdown .time').waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
        throw new Error(`${who} should show the countdown`);
      });
    }
    const shown = await Promise.all(screens().map(([page]) => countdownText(page)));
    const left = shown.map(seconds);
    const who = screens().map(([, w]) => w);
    assert(
      Math.max(...left) - Math.min(...left) <= 1 && Math.min(...left) > 100,
      `every screen should show the same time left within a second: ${JSON.stringify(Object.fromEntries(who.map((w, i) => [w, shown[i]])))}`,
    );
    await expectNoAxeViolations(phone3.page, 'phone with a running timer');
    await expectNoAxeViolations(pc, 'projector with a running timer');
  });

  await step('the facilitator starts it over with 3 seconds: every screen shows "Time is up", and every phone’s screen reader hears it once (axe-clean)', async () => {
    await facilitator.getByLabel('Minutes', { exact: true }).fill('0.05');
    await facilitator.getByRole('button', { name: 'Start over' }).click();
    for (const [page, who] of screens()) {
      await page.locator('.countdown .up').waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
        throw new Error(`${who} should show "Time is up"`);
      });
    }
    for (const [page, who] of screens().slice(2)) {
      const heard = await page.getByRole('status').allTextContents();
      assert(heard.filter((t) => t === 'Time is up').length === 1, `${who} should hear "Time is up" once: ${JSON.stringify(heard)}`);
    }
    await expectNoAxeViolations(pc, 'projector with the time up');
    await expectNoAxeViolations(phone3Tab, 'phone with the time up');
  });
}
