// A board that opens offline, in Chromium against a real talkoot server. A facilitator runs the
// board on a laptop and a participant follows it on a phone (375×667):
//
//   1. the phone keeps the board as it last received it on the device;
//   2. it loses its network, posts a note, and reloads: the kept board shows at once, marked as
//      not live, with the unsent note on top (axe-clean), and no socket is even tried;
//   3. back online it resumes from the kept seq: its `hello` carries that seq, the server's
//      `welcome` has no snapshot, and the note the facilitator posted meanwhile follows;
//   4. the server stops and the phone reloads again: still the kept board, marked not live;
//   5. while the server is down the phone's token is revoked: back up, the phone removes the
//      board from the device and says which of its edits were never sent (axe-clean);
//   6. the board is deleted: the facilitator's screen removes it from the device too.
//
// It needs a driver that owns the server (tests/src/browser_story.rs), and runs from it:
//
//   cargo test -p talkoot-tests --test browser_offline -- --nocapture

import { countNotes, expectLive, expectNoAxeViolations, noteTexts, postNote, section } from './board-page.mjs';
import { keptOps, keptView, storedKeysFor, storedSecrets } from './device.mjs';
import { joinFromPhone } from './join-page.mjs';
import { createBoard, openAsFacilitator } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, openScreen } from './screens.mjs';
import { LIVE_TIMEOUT_MS, RESUME_TIMEOUT_MS, assert, eventually } from './story.mjs';
import { newestSeq, recordWebSockets } from './websocket-frames.mjs';

const TITLE = 'Evening services';
const IDEAS = 'Ideas for evening services';
const BY_FACILITATOR = 'Evening chat with a nurse';
const BY_PHONE = 'A youth worker in the library';
const OFFLINE_NOTE = 'Peer groups on Fridays';
const WHILE_AWAY = 'A night bus to the youth centre';
const DOWNTIME_NOTE = 'Written while the server was down';
const NOT_LIVE = 'Not live: this is the board as this device last received it';

/** The texts of the notes the server has (not those still being sent), top to bottom. */
const notesOf = (page) => noteTexts(page, IDEAS);

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

async function tell(story, browser, errors, askDriver) {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({ title: TITLE, description: 'Client case: Aino, 17.', sections: [IDEAS, 'Open questions'] });

  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  const leavePrompts = [];
  const phone = await openScreen(browser, PHONE, 'phone', errors, leavePrompts);
  const phoneContext = phone.context();
  const phoneSockets = recordWebSockets(phone);
  let participant = '';

  await step('the facilitator posts a note; a phone joins with the code, sees it and posts one', async () => {
    await openAsFacilitator(facilitator, board);
    await postNote(facilitator, IDEAS, BY_FACILITATOR);
    await joinFromPhone(phone, TITLE, 'the phone', { code: board.join_code, typed: true });
    await postNote(phone, IDEAS, BY_PHONE);
    await section(phone, IDEAS).getByText('Saved', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert(same(await notesOf(phone), [BY_FACILITATOR, BY_PHONE]), `the phone shows ${JSON.stringify(await notesOf(phone))}`);
    participant = (await storedSecrets(phone, board.board_id)).participant.participant_id;
    // The app is cached for offline reloads once its service worker is active.
    await phone.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  });

  await step('the phone keeps the board on the device, up to the newest seq it received', async () => {
    await eventually('the kept view reaches the newest seq', async () => {
      const kept = await keptView(phone, board.board_id);
      return kept !== null && kept.seq === newestSeq(phoneSockets);
    });
    const kept = await keptView(phone, board.board_id);
    assert(kept.texts.includes(BY_FACILITATOR) && kept.texts.includes(BY_PHONE), `the device keeps ${JSON.stringify(kept.texts)}`);
  });

  let keptSeq = 0;
  await step('the phone loses its network and posts a note; the facilitator posts one meanwhile', async () => {
    await phoneContext.setOffline(true);
    await phone.getByText('You are offline.', { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await phone.getByText(NOT_LIVE, { exact: false }).waitFor();
    await postNote(phone, IDEAS, OFFLINE_NOTE);
    await section(phone, IDEAS).getByText('Sending…').waitFor();
    await eventually('the note is in the IndexedDB outbox', async () => (await keptOps(phone)) === 1);
    await postNote(facilitator, IDEAS, WHILE_AWAY);
    await eventually('the facilitator has the note', async () => (await countNotes(facilitator, IDEAS, WHILE_AWAY)) === 1);
    keptSeq = (await keptView(phone, board.board_id)).seq;
    assert(keptSeq === newestSeq(phoneSockets), `the device keeps seq ${keptSeq}, the phone received ${newestSeq(phoneSockets)}`);
  });

  await step('offline, the phone reloads: the kept board shows at once, marked not live, the unsent note on top (axe-clean)', async () => {
    const socketsBefore = phoneSockets.length;
    await phone.reload();
    assert(leavePrompts.length === 1, `leaving with an unsent note should ask first (asked ${leavePrompts.length} times)`);
    await phone.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert(same(await notesOf(phone), [BY_FACILITATOR, BY_PHONE]), `the kept board shows ${JSON.stringify(await notesOf(phone))}`);
    const last = section(phone, IDEAS).getByRole('listitem').last();
    const lastText = await last.innerText();
    assert(lastText.includes(OFFLINE_NOTE) && lastText.includes('Sending…'), `the unsent note should be last, sending: ${JSON.stringify(lastText)}`);
    assert((await phone.getByText(WHILE_AWAY).count()) === 0, 'the note posted meanwhile cannot be on the phone yet');
    await phone.getByText('Offline', { exact: true }).waitFor();
    await phone.getByText('1 waiting to be sent', { exact: true }).waitFor();
    // The banner says so in a polite live region.
    const banner = phone.getByRole('status').filter({ hasText: NOT_LIVE });
    assert((await banner.count()) === 1, 'the not-live banner should be in one status region');
    assert((await banner.innerText()).includes('You are offline.'), 'the banner should also say the phone is offline');
    assert(phoneSockets.length === socketsBefore, 'with no network the page should not even try a WebSocket');
    await expectNoAxeViolations(phone, 'kept board shown offline');
  });

  await step('back online, the phone resumes from the kept seq: a welcome without snapshot, then what it missed', async () => {
    const socketsBefore = phoneSockets.length;
    await phoneContext.setOffline(false);
    await expectLive(phone, 'the phone after coming back online');
    await eventually('the phone shows the note posted meanwhile, then its own', async () =>
      same(await notesOf(phone), [BY_FACILITATOR, BY_PHONE, WHILE_AWAY, OFFLINE_NOTE]),
    );
    assert(phoneSockets.length === socketsBefore + 1, `one new socket expected, ${phoneSockets.length - socketsBefore} opened`);
    const socket = phoneSockets.at(-1);
    const hello = socket.sent[0];
    assert(hello?.type === 'hello' && hello.last_seq === keptSeq, `hello should resume from seq ${keptSeq}: ${JSON.stringify({ ...hello, token: undefined })}`);
    const [welcome, ...rest] = socket.received;
    assert(welcome?.type === 'welcome' && welcome.snapshot === null, `the welcome should carry no snapshot: ${JSON.stringify(welcome)?.slice(0, 200)}`);
    const missed = rest.find((m) => m.type === 'applied');
    assert(missed?.seq === keptSeq + 1, `the first applied should be seq ${keptSeq + 1}, was ${missed?.seq}`);
    assert(
      missed.changes.some((c) => c.type === 'note' && c.note.text === WHILE_AWAY),
      `seq ${keptSeq + 1} should bring the note posted meanwhile: ${JSON.stringify(missed.changes)}`,
    );
    await eventually('the facilitator shows the phone\'s note', async () => (await countNotes(facilitator, IDEAS, OFFLINE_NOTE)) === 1);
    await phone.getByText('All your changes are saved.', { exact: true }).waitFor();
    assert((await phone.getByText(NOT_LIVE, { exact: false }).count()) === 0, 'a live board is not marked "not live"');
  });

  await step('the server stops and the phone reloads: still the kept board, marked not live (axe-clean)', async () => {
    await eventually('the device keeps the newest seq', async () => (await keptView(phone, board.board_id))?.seq === newestSeq(phoneSockets));
    await askDriver('stop the server', 'stopped');
    await phone.reload();
    await phone.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert(
      same(await notesOf(phone), [BY_FACILITATOR, BY_PHONE, WHILE_AWAY, OFFLINE_NOTE]),
      `the kept board shows ${JSON.stringify(await notesOf(phone))}`,
    );
    await phone.getByText('The connection was lost. Reconnecting…', { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await phone.getByText(NOT_LIVE, { exact: false }).waitFor();
    await expectNoAxeViolations(phone, 'kept board shown while the server is down');
    await postNote(phone, IDEAS, DOWNTIME_NOTE);
    await section(phone, IDEAS).getByText('Sending…').waitFor();
    await eventually('the note is in the IndexedDB outbox', async () => (await keptOps(phone)) === 1);
  });

  await step('its token revoked while the server was down, the phone removes the board and lists what was not sent (axe-clean)', async () => {
    await askDriver(`forget participant ${participant} of board ${board.board_id}`, 'forgotten');
    await askDriver('start the server', 'started');
    await phone.getByRole('heading', { level: 1, name: 'The board cannot be opened' }).waitFor({ timeout: RESUME_TIMEOUT_MS });
    await phone.getByText('This device’s access to the board is no longer valid.', { exact: false }).waitFor();
    await phone.getByText('What this device kept of the board has been removed from it.').waitFor();
    await phone.getByText('One change made on this device had not been sent yet.', { exact: false }).waitFor();
    await phone.getByText('Your note was not posted', { exact: true }).waitFor();
    const offered = await phone.getByRole('textbox', { name: 'Your text (1)' }).inputValue();
    assert(offered === DOWNTIME_NOTE, `the unsent text should be offered for copying, found ${JSON.stringify(offered)}`);
    const focused = await phone.evaluate(() => document.activeElement?.textContent);
    assert(focused === 'The board cannot be opened', `focus should move to the heading, is on ${JSON.stringify(focused)}`);
    await eventually('the kept board is gone from the device', async () => (await keptView(phone, board.board_id)) === null);
    await eventually('the unsent op is gone from the device', async () => (await keptOps(phone)) === 0);
    const keys = await storedKeysFor(phone, board.board_id);
    assert(!keys.includes(`talkoot.participant.${board.board_id}`), `the refused token should be forgotten: ${keys}`);
    await expectNoAxeViolations(phone, 'board removed after a revoked token, with the unsent note');

    await phone.reload();
    await phone.getByRole('heading', { level: 1, name: 'You have not joined this workshop' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const text of [BY_FACILITATOR, BY_PHONE, DOWNTIME_NOTE]) {
      assert((await phone.getByText(text, { exact: false }).count()) === 0, `"${text}" should be gone from the phone`);
    }
  });

  await step('the board is deleted: the facilitator\'s screen removes it from the device and says so', async () => {
    await expectLive(facilitator, 'the facilitator after the restart');
    await eventually('the facilitator keeps the board', async () => (await keptView(facilitator, board.board_id)) !== null);
    await askDriver('stop the server', 'stopped');
    await askDriver(`delete board ${board.board_id}`, 'deleted');
    await askDriver('start the server', 'started');
    await facilitator.getByRole('heading', { level: 1, name: 'The board cannot be opened' }).waitFor({ timeout: RESUME_TIMEOUT_MS });
    await facilitator.getByText('This workshop board does not exist any more.').waitFor();
    await facilitator.getByText('What this device kept of the board has been removed from it.').waitFor();
    await eventually('the kept board is gone from the facilitator\'s device', async () => (await keptView(facilitator, board.board_id)) === null);
    const keys = await storedKeysFor(facilitator, board.board_id);
    assert(keys.length === 0, `nothing of a deleted board should stay in localStorage: ${keys}`);
    await expectNoAxeViolations(facilitator, 'board removed after it was deleted');
  });
}

await runStory({ name: 'offline', run: 'cargo test -p talkoot-tests --test browser_offline', driven: true }, tell);
