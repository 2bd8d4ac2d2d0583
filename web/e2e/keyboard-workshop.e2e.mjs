// A whole workshop with the keyboard alone, in real browsers against a running talkoot server
// (its address in TALKOOT_URL): no click, tap or fill anywhere, only keys (and typing an
// address). Every control that Tab passes must show its focus, uncovered, and after every action
// focus must be on something, never lost to the page.
//
//   1. the facilitator opens the board; the skip link is the first Tab stop and leads to the board;
//   2. a participant joins by code and name, and picks a group;
//   3. the facilitator starts private writing; the participant writes a note that stays private;
//   4. the facilitator reveals: the dialog's Escape returns focus to its opener; then confirms;
//   5. the participant sees the note revealed and comments on it;
//   6. approve-first: the participant's next note waits, and the facilitator approves it;
//   7. the facilitator runs the timer; the participant sees it;
//   8. voting: the participant votes, takes the vote back, and votes again;
//   9. tasks forward: the facilitator makes a task from the note and opens volunteering; the
//      participant takes the task;
//  10. the facilitator downloads the kooste.
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/keyboard-workshop.e2e.mjs
//
// Run by tests/tests/browser_keyboard_workshop.rs. Exits 0 only when every step passed.

import { readFile } from 'node:fs/promises';
import { expectBoardLive, noteIn, section } from './board-page.mjs';
import { focused, tabTo, unshownFocus } from './keyboard.mjs';
import { createBoard, facilitatorLink } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

const TITLE = 'Kotihoidon kehittämispäivä';
const IDEAS = 'Ideas';
const NOTE = 'Evening visits should not be rushed';
const LATER = 'A phone line for relatives';
const COMMENT = 'Also at weekends';
const OWNER = 'Home care team';

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  const participant = await openScreen(browser, DESKTOP, 'participant', errors);
  const board = await createBoard({ title: TITLE, sections: [IDEAS, 'Questions'] });

  /** Tab to the control whose text or label starts with `target` (or meets it), checking every stop. */
  const tab = (page, target, what, within = 150) =>
    tabTo(page, typeof target === 'string' ? (f) => f.text.startsWith(target) || f.label.startsWith(target) : target, what, { within, shown: true });
  /** Presses `key` and checks that focus is still on something shown. */
  const press = async (page, key, after) => {
    await page.keyboard.press(key);
    await eventually(`focus is on something shown after ${after}`, async () => (await unshownFocus(page)) === null, 3000).catch(async (e) => {
      throw new Error(`${e.message}: ${await unshownFocus(page)}`);
    });
  };
  /** Starts from the top of the page, as after a reload, without a pointer. */
  const fromTop = (page) => page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());

  await step('the facilitator opens the board: the first Tab stop is a skip link, and it leads to the board', async () => {
    await facilitator.goto(facilitatorLink(board));
    await expectBoardLive(facilitator, TITLE, 'the facilitator');
    await facilitator.keyboard.press('Tab');
    const skip = await focused(facilitator);
    assert(/^Skip to/.test(skip.text), `the first Tab stop should be a skip link, is ${JSON.stringify(skip)}`);
    assert((await unshownFocus(facilitator)) === null, `the skip link should be shown when focused: ${await unshownFocus(facilitator)}`);
    await press(facilitator, 'Enter', 'following the skip link');
    const landed = await facilitator.evaluate(() => {
      const main = document.querySelector('main');
      return !!main && (main === document.activeElement || main.contains(document.activeElement));
    });
    assert(landed, `the skip link should move focus into the board (main), is on ${JSON.stringify(await focused(facilitator))}`);
  });

  await step('a participant joins by code and name with the keyboard and picks a group', async () => {
    await participant.goto(`${BASE}/`);
    await tab(participant, (f) => f.id === 'join-code' || f.label.startsWith('Join code'), 'the join code field');
    await participant.keyboard.type(board.join_code);
    await tab(participant, (f) => f.label.startsWith('Your name'), 'the name field');
    await participant.keyboard.type('Kaisa');
    await participant.keyboard.press('Enter');
    await expectBoardLive(participant, TITLE, 'the participant');
    await tab(participant, IDEAS, `the group button "${IDEAS}"`);
    await press(participant, 'Enter', 'picking a group');
    await section(participant, IDEAS).getByRole('textbox', { name: /New note/ }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('the facilitator starts private writing; the participant writes a note that stays private (Ctrl+Enter)', async () => {
    await fromTop(facilitator);
    await tab(facilitator, 'Start: Write', 'the "Start: Write" button');
    await press(facilitator, 'Enter', 'starting the phase');
    await participant.getByText('Only you and the facilitators see your note until it is revealed.').first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await fromTop(participant);
    await tab(participant, (f) => f.tag === 'TEXTAREA' && f.label.startsWith('New note'), 'the new note box');
    await participant.keyboard.type(NOTE);
    await press(participant, 'Control+Enter', 'posting');
    const card = noteIn(participant, IDEAS, NOTE);
    await card.getByText('Only you and the facilitators see this until it is revealed.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await noteIn(facilitator, IDEAS, NOTE).waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('the facilitator opens the reveal dialog, Escape returns focus to its opener; then reveals', async () => {
    await fromTop(facilitator);
    const reveal = 'Reveal notes and move to “Discuss”';
    await tab(facilitator, reveal, `the "${reveal}" button`);
    await press(facilitator, 'Enter', 'opening the reveal dialog');
    const inDialog = () => facilitator.evaluate(() => !!document.activeElement?.closest('dialog, [role="dialog"]'));
    assert(await inDialog(), 'focus should move into the dialog');
    await press(facilitator, 'Escape', 'closing the dialog');
    const back = await focused(facilitator);
    assert(back.text.startsWith(reveal), `Escape should return focus to the opener, is on ${JSON.stringify(back)}`);
    await press(facilitator, 'Enter', 'opening the reveal dialog again');
    await tab(facilitator, (f) => f.text === 'Reveal notes', 'the dialog’s "Reveal notes" button', 6);
    await press(facilitator, 'Enter', 'confirming the reveal');
    await participant.getByText('Discuss', { exact: true }).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    const still = await noteIn(participant, IDEAS, NOTE).getByText('Only you and the facilitators see this until it is revealed.').count();
    assert(still === 0, 'the note should no longer say it is private');
  });

  await step('the participant comments on the revealed note', async () => {
    await fromTop(participant);
    await tab(participant, (f) => /^Comments \(0\)/.test(f.text), 'the note’s "Comments (0)" button');
    await press(participant, 'Enter', 'opening the comments');
    await tab(participant, (f) => f.label.startsWith('Write a comment'), 'the comment box', 10);
    await participant.keyboard.type(COMMENT);
    await tab(participant, (f) => f.text === 'Comment', 'the Comment button', 4);
    await press(participant, 'Enter', 'sending the comment');
    await noteIn(facilitator, IDEAS, NOTE).getByRole('button', { name: 'Comments (1)', exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('approve-first: the participant’s next note waits, and the facilitator approves it', async () => {
    await fromTop(facilitator);
    await tab(facilitator, 'Awaiting approval (0)', 'the approval queue');
    await press(facilitator, 'Enter', 'opening the queue');
    await tab(facilitator, (f) => f.label.startsWith('Approve notes first'), 'the "Approve notes first" switch', 10);
    await press(facilitator, 'Space', 'turning approve-first on');
    await participant.getByText('A facilitator approves your note before the others see it.').first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await fromTop(participant);
    await tab(participant, (f) => f.tag === 'TEXTAREA' && f.label.startsWith('New note'), 'the new note box');
    await participant.keyboard.type(LATER);
    await press(participant, 'Control+Enter', 'posting');
    await noteIn(participant, IDEAS, LATER).getByText('Waiting for approval').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await facilitator.getByRole('button', { name: 'Awaiting approval (1)' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await tab(facilitator, (f) => f.text === 'Approve', 'the queue’s Approve button', 20);
    await press(facilitator, 'Enter', 'approving');
    await eventually('the note is approved on the participant’s screen', async () => (await noteIn(participant, IDEAS, LATER).getByText('Waiting for approval').count()) === 0);
    await tab(facilitator, (f) => f.label.startsWith('Approve notes first'), 'the "Approve notes first" switch', 20).catch(async () => {
      await fromTop(facilitator);
      await tab(facilitator, (f) => f.label.startsWith('Approve notes first'), 'the "Approve notes first" switch');
    });
    await press(facilitator, 'Space', 'turning approve-first off');
  });

  await step('the facilitator runs a 3-minute timer; the participant sees it', async () => {
    await fromTop(facilitator);
    await tab(facilitator, (f) => f.label.startsWith('Minutes'), 'the timer’s minutes');
    await facilitator.keyboard.press('Control+A');
    await facilitator.keyboard.type('3');
    await tab(facilitator, 'Start timer', 'the "Start timer" button', 5);
    await press(facilitator, 'Enter', 'starting the timer');
    await participant.getByText(/0[23]:\d\d/).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('voting: the participant votes, takes the vote back, and votes again', async () => {
    await fromTop(facilitator);
    await tab(facilitator, 'Next: Vote', 'the "Next: Vote" button');
    await press(facilitator, 'Enter', 'moving to Vote');
    await participant.getByText(/votes? left/).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    const left = async () => (await participant.getByText(/\d+ of \d+ votes left/).first().textContent()) ?? '';
    const before = await left();
    await fromTop(participant);
    await tab(participant, (f) => f.label.startsWith(`Vote: ${NOTE}`) || f.text.startsWith(`Vote: ${NOTE}`), 'the note’s Vote button');
    await press(participant, 'Enter', 'voting');
    await eventually('a vote is counted', async () => (await left()) !== before);
    await tab(participant, (f) => f.label.startsWith(`Take vote back: ${NOTE}`) || f.text.startsWith(`Take vote back`), 'Take vote back', 6).catch(async () => {
      await fromTop(participant);
      await tab(participant, (f) => f.label.startsWith(`Take vote back: ${NOTE}`) || f.text.startsWith('Take vote back'), 'Take vote back');
    });
    await press(participant, 'Enter', 'taking the vote back');
    await eventually('the vote is taken back', async () => (await left()) === before);
    await fromTop(participant);
    await tab(participant, (f) => f.label.startsWith(`Vote: ${NOTE}`) || f.text.startsWith(`Vote: ${NOTE}`), 'the note’s Vote button');
    await press(participant, 'Enter', 'voting again');
    await eventually('the vote is counted again', async () => (await left()) !== before);
  });

  await step('tasks forward: the facilitator makes a task and opens volunteering; the participant takes it', async () => {
    await fromTop(facilitator);
    await tab(facilitator, 'Next: Act', 'the "Next: Act" button');
    await press(facilitator, 'Enter', 'moving to Act');
    await fromTop(facilitator);
    await tab(facilitator, 'Make a task', 'the note’s "Make a task" button');
    await press(facilitator, 'Enter', 'opening the task form');
    await tab(facilitator, 'Add task', 'the "Add task" button', 10);
    await press(facilitator, 'Enter', 'adding the task');
    const tasks = (page) => page.getByRole('region', { name: 'Follow-up tasks', exact: true });
    await tasks(facilitator).getByRole('listitem').first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await fromTop(facilitator);
    await tab(facilitator, (f) => f.label.startsWith('Participants may volunteer'), 'the volunteering switch', 250);
    await press(facilitator, 'Space', 'opening volunteering');
    await tasks(participant).getByRole('button', { name: 'I’ll take this' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await fromTop(participant);
    await tab(participant, 'I’ll take this', 'the "I’ll take this" button', 250);
    await press(participant, 'Enter', 'volunteering');
    await participant.keyboard.press('Control+A');
    await participant.keyboard.type(OWNER);
    await press(participant, 'Enter', 'taking the task');
    await tasks(facilitator).getByText(`Owner: ${OWNER}`).waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('the facilitator downloads the kooste with the keyboard', async () => {
    await fromTop(facilitator);
    await tab(facilitator, 'Download the summary', 'the "Download the summary" button', 250);
    await press(facilitator, 'Enter', 'opening the export menu');
    await tab(facilitator, 'Markdown', 'the Markdown button', 10);
    const [download] = await Promise.all([facilitator.waitForEvent('download'), facilitator.keyboard.press('Enter')]);
    const text = await readFile(await download.path(), 'utf8');
    for (const part of [TITLE, NOTE, COMMENT, OWNER]) assert(text.includes(part), `the kooste should hold “${part}”`);
  });
}

runStory({ name: 'keyboard-only workshop', run: 'cargo test -p talkoot-tests --test browser_keyboard_workshop' }, tell);
