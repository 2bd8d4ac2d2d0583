// Discussion under a facilitator's moderation, in real browsers against a running talkoot
// server (its address in TALKOOT_URL). A facilitator on a laptop moderates; two participants
// discuss from 375×667 phones:
//
//   1. the facilitator turns "Approve notes first" on; Anna's new note waits: she sees it
//      marked, Bertil's page does not hold it at all, the facilitator approves it from the
//      approval queue and it reaches Bertil;
//   2. Bertil comments on Anna's note, Anna sees "Comments (1)" and replies, then edits her
//      reply (Ctrl+Enter saves, Escape asks, then Discard cancels), by keyboard alone;
//      the facilitator hides Bertil's comment and it leaves both phones;
//   3. the facilitator posts a note on behalf of "Pöytä 3", and the phones show that name;
//   4. the facilitator hides Anna's note: it leaves both phones and stays, marked, for the
//      facilitator.
//
// Every new state is checked with axe (WCAG 2.1 A/AA).
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/discussion.e2e.mjs
//
// Exits 0 only when every step passed; prints which step failed and why otherwise.

import { expectNoAxeViolations, expectNotInPage, noteIn, postNote, section, tapOrClick } from './board-page.mjs';
import { joinFromPhone } from './join-page.mjs';
import { focused, tabTo } from './keyboard.mjs';
import { createBoard, openAsFacilitator } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, openScreen } from './screens.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

const TITLE = 'Youth services, evening session';
const IDEAS = 'Ideas';
const ANNA_NOTE = 'Anna: a night-time chat line';
const BERTIL_COMMENT = 'Bertil: who would staff it?';
const ANNA_REPLY = 'Anna: volunteers, with a trained lead';
const EDITED = ', paid for by the city';
const TABLE_NOTE = 'Table 3: a shared calendar of evening activities';
const TABLE = 'Pöytä 3';

const queueButton = (page) => page.getByRole('button', { name: /^Awaiting approval \(\d+\)$/ });
const queue = (page) => page.locator('#approval-queue');
const commentsToggle = (note) => note.getByRole('button', { name: /^Comments \(\d+\)$/ });
const commentIn = (note, text) => note.getByRole('listitem').filter({ hasText: text });

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({ title: TITLE, sections: [IDEAS] });

  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  const anna = await openScreen(browser, PHONE, 'Anna', errors);
  const bertil = await openScreen(browser, PHONE, 'Bertil', errors);
  const phones = [
    [anna, 'Anna'],
    [bertil, 'Bertil'],
  ];

  await step('the facilitator opens the board, two phones join', async () => {
    await openAsFacilitator(facilitator, board);
    await joinFromPhone(anna, TITLE, 'Anna', { code: board.join_code, name: 'Anna' });
    await joinFromPhone(bertil, TITLE, 'Bertil', { code: board.join_code, name: 'Bertil' });
  });

  await step('the facilitator turns "Approve notes first" on; the phones’ composers say a note will wait', async () => {
    await queueButton(facilitator).click();
    const box = queue(facilitator).getByRole('checkbox', { name: 'Approve notes first' });
    await box.check();
    await queue(facilitator).getByText('Nothing is waiting for approval.').waitFor();
    for (const [page, who] of phones) {
      await section(page, IDEAS)
        .getByText('A facilitator approves your note before the others see it.')
        .waitFor({ timeout: LIVE_TIMEOUT_MS })
        .catch(() => {
          throw new Error(`${who}'s composer should say that a new note waits for approval`);
        });
    }
  });

  await step('Anna posts: she sees her note waiting for approval, Bertil’s page does not hold it (axe-clean)', async () => {
    await postNote(anna, IDEAS, ANNA_NOTE);
    const card = noteIn(anna, IDEAS, ANNA_NOTE);
    await card.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await card.getByText('Waiting for approval', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('Anna’s note is saved', async () => (await card.getByText('Saved', { exact: false }).count()) > 0);
    await expectNoAxeViolations(anna, 'participant board with a note waiting for approval');
    await expectNotInPage(bertil, [ANNA_NOTE], 'Bertil');
  });

  await step('the facilitator sees it in the approval queue (axe-clean) and approves it; it reaches Bertil', async () => {
    const entry = queue(facilitator).getByRole('listitem').filter({ hasText: ANNA_NOTE });
    await entry.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await queueButton(facilitator).filter({ hasText: 'Awaiting approval (1)' }).waitFor();
    await entry.getByText(`Note in ${IDEAS} · Anna`).waitFor();
    await noteIn(facilitator, IDEAS, ANNA_NOTE).getByText('Waiting for approval', { exact: true }).waitFor();
    await expectNoAxeViolations(facilitator, 'facilitator board with the approval queue open');
    await expectNotInPage(bertil, [ANNA_NOTE], 'Bertil');
    await entry.getByRole('button', { name: 'Approve', exact: true }).click();
    await queue(facilitator).getByText('Nothing is waiting for approval.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await noteIn(bertil, IDEAS, ANNA_NOTE).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('Anna’s note is no longer marked', async () =>
      (await anna.getByText('Waiting for approval', { exact: true }).count()) === 0,
    );
    // Comments wait too while approval is on: off, for the thread that follows.
    await queue(facilitator).getByRole('checkbox', { name: 'Approve notes first' }).uncheck();
    await eventually('Bertil’s composer no longer says notes wait', async () =>
      (await bertil.getByText('A facilitator approves your note before the others see it.').count()) === 0,
    );
    await queueButton(facilitator).click();
  });

  await step('Bertil comments on Anna’s note; Anna sees "Comments (1)" and the comment (axe-clean, thread open)', async () => {
    const onBertil = noteIn(bertil, IDEAS, ANNA_NOTE);
    await tapOrClick(commentsToggle(onBertil));
    await onBertil.getByRole('textbox', { name: 'Write a comment' }).fill(BERTIL_COMMENT);
    await tapOrClick(onBertil.getByRole('button', { name: 'Comment', exact: true }));
    await commentIn(onBertil, BERTIL_COMMENT).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const onAnna = noteIn(anna, IDEAS, ANNA_NOTE);
    await onAnna.getByRole('button', { name: 'Comments (1)', exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await tapOrClick(commentsToggle(onAnna));
    const comment = commentIn(onAnna, BERTIL_COMMENT);
    await comment.waitFor();
    assert((await comment.innerText()).includes('Bertil'), `the comment should show its writer: ${JSON.stringify(await comment.innerText())}`);
    await expectNoAxeViolations(bertil, 'participant board with a comment thread open');
  });

  await step('keyboard only, Anna replies in the thread: Tab to the comment box, type, Tab to "Comment", Enter', async () => {
    const onAnna = noteIn(anna, IDEAS, ANNA_NOTE);
    // Close the thread, and start from the top of the page, as a keyboard user would.
    await tapOrClick(commentsToggle(onAnna));
    await anna.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
    await tabTo(anna, 'Comments (1)', 'the comments button of Anna’s note');
    await anna.keyboard.press('Enter');
    const expanded = await commentsToggle(onAnna).getAttribute('aria-expanded');
    assert(expanded === 'true', `Enter on the comments button should open the thread (aria-expanded=${expanded})`);
    await tabTo(anna, (f) => f.tag === 'TEXTAREA' && f.id.endsWith('-new'), 'the comment box', { within: 5 });
    await anna.keyboard.type(ANNA_REPLY);
    await anna.keyboard.press('Tab');
    const button = await focused(anna);
    assert(button.text === 'Comment', `Tab from the comment box should reach "Comment", reached ${JSON.stringify(button)}`);
    await anna.keyboard.press('Enter');
    await commentIn(onAnna, ANNA_REPLY).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const box = onAnna.getByRole('textbox', { name: 'Write a comment' });
    assert((await box.inputValue()) === '', 'the comment box should be empty once the reply is sent');
    const onBertil = noteIn(bertil, IDEAS, ANNA_NOTE);
    await commentIn(onBertil, ANNA_REPLY).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await onBertil.getByRole('button', { name: 'Comments (2)', exact: true }).waitFor();
  });

  await step('keyboard only, Anna edits her reply: Ctrl+Enter saves it, Escape (and Discard) cancels the next edit, focus back on Edit each time', async () => {
    const onAnna = noteIn(anna, IDEAS, ANNA_NOTE);
    const reply = commentIn(onAnna, ANNA_REPLY);
    await reply.getByRole('button', { name: 'Edit', exact: true }).focus();
    await anna.keyboard.press('Enter');
    // While it is edited, the comment's text is in the box, not the list item's text.
    const box = onAnna.getByRole('textbox', { name: 'Edit the comment' });
    await box.waitFor();
    assert((await focused(anna)).tag === 'TEXTAREA', 'Edit should put focus in the comment box');
    await anna.keyboard.press('End');
    await anna.keyboard.type(EDITED);
    await anna.keyboard.press('Control+Enter');
    await reply.getByText(`${ANNA_REPLY}${EDITED}`).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('focus is back on Edit after saving', async () => (await focused(anna)).text === 'Edit');
    await commentIn(noteIn(bertil, IDEAS, ANNA_NOTE), `${ANNA_REPLY}${EDITED}`).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await anna.keyboard.press('Enter');
    await box.waitFor();
    await anna.keyboard.type(' and more');
    // Escape does not throw typed changes away unasked: a dialog asks, and Discard discards.
    await anna.keyboard.press('Escape');
    await anna.getByRole('dialog', { name: 'Discard your changes to this comment?' }).waitFor();
    await anna.keyboard.press('Tab');
    assert((await focused(anna)).text === 'Discard', 'Tab in the dialog reaches Discard');
    await anna.keyboard.press('Enter');
    await box.waitFor({ state: 'detached' });
    assert((await reply.innerText()).includes(`${ANNA_REPLY}${EDITED}`) && !(await reply.innerText()).includes('and more'), 'Escape should leave the comment as it was');
    assert((await focused(anna)).text === 'Edit', 'Escape should put focus back on Edit');
  });

  await step('the facilitator hides Bertil’s comment: it leaves both phones, and stays marked for the facilitator', async () => {
    const note = noteIn(facilitator, IDEAS, ANNA_NOTE);
    await commentsToggle(note).click();
    const comment = commentIn(note, BERTIL_COMMENT);
    await comment.getByRole('button', { name: 'Hide', exact: true }).click();
    await comment.getByText('Hidden from participants', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await comment.getByRole('button', { name: 'Show again', exact: true }).waitFor();
    for (const [page, who] of phones) {
      const onPhone = noteIn(page, IDEAS, ANNA_NOTE);
      await eventually(`${who} no longer shows Bertil’s comment`, async () => (await page.getByText(BERTIL_COMMENT).count()) === 0);
      await expectNotInPage(page, [BERTIL_COMMENT], who);
      await commentIn(onPhone, ANNA_REPLY).waitFor();
      await onPhone.getByRole('button', { name: 'Comments (1)', exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    }
  });

  await step(`the facilitator posts a note on behalf of "${TABLE}": the phones show that name as its writer`, async () => {
    const composer = section(facilitator, IDEAS);
    await composer.getByRole('textbox', { name: /New note/ }).fill(TABLE_NOTE);
    await composer.getByRole('textbox', { name: /^Post on behalf of/ }).fill(TABLE);
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    for (const [page, who] of [[facilitator, 'the facilitator'], ...phones]) {
      const card = noteIn(page, IDEAS, TABLE_NOTE);
      await card.waitFor({ timeout: LIVE_TIMEOUT_MS });
      const author = (await card.locator('footer .author').innerText()).trim();
      assert(author.startsWith(TABLE), `${who} should show "${TABLE}" as the note's writer, shows ${JSON.stringify(author)}`);
    }
  });

  await step('the facilitator hides Anna’s note: it leaves both phones and stays, marked hidden, for the facilitator (axe-clean)', async () => {
    const note = noteIn(facilitator, IDEAS, ANNA_NOTE);
    await note.locator('.moderation').getByRole('button', { name: 'Hide', exact: true }).click();
    await note.locator('.moderation').getByText('Hidden from participants', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await note.locator('.moderation').getByRole('button', { name: 'Show again', exact: true }).waitFor();
    for (const [page, who] of phones) {
      await eventually(`${who} no longer shows Anna’s note`, async () => (await noteIn(page, IDEAS, ANNA_NOTE).count()) === 0);
      await expectNotInPage(page, [ANNA_NOTE, ANNA_REPLY], who);
      await noteIn(page, IDEAS, TABLE_NOTE).waitFor();
    }
    await expectNoAxeViolations(facilitator, 'facilitator board with a hidden note and a hidden comment');
    await expectNoAxeViolations(anna, 'participant board after her note was hidden');
  });
}

await runStory({ name: 'discussion', run: 'cargo test -p talkoot-tests --test browser_discussion' }, tell);
