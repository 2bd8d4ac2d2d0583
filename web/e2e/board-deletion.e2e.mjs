// Deleting a board, in Chromium against a real talkoot server (its address in TALKOOT_URL). A
// facilitator runs the board on a laptop and a participant follows it on a phone (375×667):
//
//   1. the phone joins, posts a note and keeps the board on the device;
//   2. the facilitator's screen says when the server deletes the board if nothing changes on it;
//   3. keyboard only, the facilitator opens "Delete the board", and a confirmation naming the
//      board starts on Cancel; confirming deletes it;
//   4. both screens show "This board was deleted" at once (axe-clean), and the phone has
//      forgotten the board: no secret, no kept view, no unsent op; after a reload it has not
//      joined any more.
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/board-deletion.e2e.mjs
//
// Exits 0 only when every step passed; prints which step failed and why otherwise.

import { expectNoAxeViolations, postNote, section } from './board-page.mjs';
import { keptOps, keptView, storedKeysFor, storedSecrets } from './device.mjs';
import { joinFromPhone } from './join-page.mjs';
import { focused } from './keyboard.mjs';
import { createBoardInApp } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, openScreen } from './screens.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

const TITLE = 'Home care pilot 2026';
const IDEAS = 'Ideas';
const BY_PHONE = 'Evening visits by video';
const DELETED = 'This board was deleted';

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  const phone = await openScreen(browser, PHONE, 'phone', errors);
  let board = null;

  await step('the facilitator creates a board; a phone joins, posts a note and keeps the board', async () => {
    board = await createBoardInApp(facilitator, { title: TITLE, sections: [IDEAS, 'Questions'] });
    await joinFromPhone(phone, TITLE, 'the phone', { code: board.join_code, typed: true });
    await postNote(phone, IDEAS, BY_PHONE);
    await section(phone, IDEAS).getByText('Saved', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('the phone keeps the board', async () => (await keptView(phone, board.board_id))?.texts.includes(BY_PHONE));
    assert((await storedSecrets(phone, board.board_id)).participant !== null, 'the phone keeps its token');
  });

  await step('the facilitator sees when the board is deleted if nothing changes on it', async () => {
    const notice = facilitator.getByText(/^If nothing changes on this board, the server deletes it on .+ \(180 days after the last change\)\.$/);
    await notice.waitFor({ timeout: LIVE_TIMEOUT_MS });
    const text = await notice.textContent();
    const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(Date.now() + 180 * 86_400_000);
    assert(text.includes(day), `the notice should name ${day}: ${text}`);
    assert((await phone.getByText('If nothing changes on this board', { exact: false }).count()) === 0, 'only facilitators are told');
  });

  await step('keyboard only: the facilitator opens Delete the board, and the confirmation names the board', async () => {
    const toggle = facilitator.getByRole('button', { name: 'Delete the board', exact: true });
    await toggle.focus();
    await facilitator.keyboard.press('Enter');
    const panel = facilitator.locator('#delete-board-panel');
    await panel.getByText('from the server for good', { exact: false }).waitFor();
    await expectNoAxeViolations(facilitator, 'facilitator board with Delete the board open');
    await facilitator.keyboard.press('Tab');
    assert((await focused(facilitator)).text === 'Delete this board…', 'Tab from the toggle should reach the delete button');
    await facilitator.keyboard.press('Enter');
    const dialog = facilitator.getByRole('dialog');
    await dialog.getByText(`Delete the board “${TITLE}” and everything on it for good? This cannot be undone.`).waitFor();
    await expectNoAxeViolations(facilitator, 'delete confirmation');
    assert((await focused(facilitator)).text === 'Cancel', 'the dialog should start on Cancel');
    // Escape backs out, and nothing is deleted.
    await facilitator.keyboard.press('Escape');
    await eventually('the dialog closes', async () => !(await dialog.isVisible()));
    assert((await phone.getByText(DELETED).count()) === 0, 'Escape must delete nothing');
  });

  await step('confirming deletes the board: both screens say so at once (axe-clean)', async () => {
    await facilitator.getByRole('button', { name: 'Delete this board…' }).focus();
    await facilitator.keyboard.press('Enter');
    const dialog = facilitator.getByRole('dialog');
    await dialog.getByText(`Delete the board “${TITLE}”`, { exact: false }).waitFor();
    await facilitator.keyboard.press('Tab');
    assert((await focused(facilitator)).text === 'Delete the board', 'Tab should reach the confirm button');
    await facilitator.keyboard.press('Enter');
    for (const [who, page] of [['the facilitator', facilitator], ['the phone', phone]]) {
      await page.getByRole('heading', { level: 1, name: DELETED }).waitFor({ timeout: LIVE_TIMEOUT_MS });
      await page.getByText('A facilitator deleted this workshop board', { exact: false }).waitFor();
      assert((await page.getByText(BY_PHONE).count()) === 0, `${who} should no longer show the board's notes`);
    }
    await expectNoAxeViolations(phone, 'the deleted-board page on the phone');
    await expectNoAxeViolations(facilitator, 'the deleted-board page on the facilitator\'s screen');
  });

  await step('the phone has forgotten the board: no secret, no kept view, no unsent op, even after a reload', async () => {
    await eventually('the kept view is gone from the phone', async () => (await keptView(phone, board.board_id)) === null);
    const keys = await storedKeysFor(phone, board.board_id);
    assert(keys.length === 0, `nothing of a deleted board should stay in localStorage: ${keys}`);
    assert((await keptOps(phone)) === 0, 'no unsent op should stay');
    await phone.reload();
    await phone.getByRole('heading', { level: 1, name: 'You have not joined this workshop' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await phone.getByText(BY_PHONE).count()) === 0, 'the note must not come back after a reload');
    assert((await keptView(phone, board.board_id)) === null, 'nothing is kept after the reload');
    await expectNoAxeViolations(phone, 'the phone after a reload');
    const facilitatorKeys = await storedKeysFor(facilitator, board.board_id);
    assert(facilitatorKeys.length === 0, `the facilitator's browser should forget the board too: ${facilitatorKeys}`);
  });
}

await runStory({ name: 'board-deletion', run: 'cargo test -p talkoot-tests --test browser_board_deletion' }, tell);
