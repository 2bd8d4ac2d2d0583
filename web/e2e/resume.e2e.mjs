// Never lose a note, in real browsers against a real talkoot server. A facilitator runs the
// board on a laptop, the same board is on the projector, and a participant posts from a phone:
//
//   1. the phone loses its network, posts three notes, reloads the page while still offline,
//      and comes back online: every screen shows the three notes exactly once, in order;
//   2. a note posted offline into a section the facilitator deletes meanwhile is refused: the
//      phone says so in words and offers the text back;
//   3. a note whose text is HTML and script is shown as that literal text, everywhere;
//   4. the server stops and starts again mid-session: every screen resumes without a reload,
//      and what people were typing is still there.
//
// Step 4 needs a driver that owns the server (tests/src/browser_story.rs): this story prints
// `talkoot-e2e: stop the server` and `talkoot-e2e: start the server` and waits for `stopped` and
// `started` on stdin. tests/tests/browser_resume.rs runs it:
//
//   cargo test -p talkoot-tests --test browser_resume -- --nocapture

import {
  countNotes,
  expectBoardLive,
  expectLive,
  expectNoAxeViolations,
  expectNotReloaded,
  markPage,
  noteTexts,
  postNote,
  section,
} from './board-page.mjs';
import { keptOps } from './device.mjs';
import { joinFromPhone } from './join-page.mjs';
import { createBoard, facilitatorLink } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, openScreen } from './screens.mjs';
import { LIVE_TIMEOUT_MS, RESUME_TIMEOUT_MS, assert, eventually } from './story.mjs';

const TITLE = 'Evening services';
const IDEAS = 'Ideas for evening services';
const QUESTIONS = 'Open questions';
const OFFLINE_NOTES = ['A youth worker in the library', 'Chat support after 18:00', 'Peer groups on Fridays'];
const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b>';

async function tell(story, browser, errors, askDriver) {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({ title: TITLE, description: 'Client case: Aino, 17.', sections: [IDEAS, QUESTIONS] });

  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  const projector = await openScreen(browser, DESKTOP, 'projector', errors);
  const leavePrompts = [];
  const phone = await openScreen(browser, PHONE, 'phone', errors, leavePrompts);
  const phoneContext = phone.context();
  const screens = [
    [facilitator, 'the facilitator'],
    [projector, 'the projector'],
    [phone, 'the phone'],
  ];

  await step('the facilitator and the projector open the board; a phone joins with the code', async () => {
    for (const [page, who] of [
      [facilitator, 'the facilitator'],
      [projector, 'the projector'],
    ]) {
      await page.goto(facilitatorLink(board));
      await expectBoardLive(page, TITLE, who);
    }
    await joinFromPhone(phone, TITLE, 'the phone', { code: board.join_code, typed: true });
    // The app is cached for offline reloads once its service worker is active.
    await phone.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  });

  await step('the phone loses its network: a banner says notes will be sent later (axe-clean)', async () => {
    await phoneContext.setOffline(true);
    await phone.getByText('You are offline. What you post is kept on this device', { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(phone, 'participant board with the offline banner');
  });

  await step('offline, the phone posts three notes: each shows as sending and is kept on the device', async () => {
    for (const text of OFFLINE_NOTES) await postNote(phone, IDEAS, text);
    await eventually('three notes say "Sending…"', async () => (await section(phone, IDEAS).getByText('Sending…').count()) === 3);
    await phone.getByText('3 waiting to be sent', { exact: true }).waitFor();
    await eventually('the three ops are in IndexedDB', async () => (await keptOps(phone)) === 3);
    for (const text of OFFLINE_NOTES) {
      assert((await countNotes(facilitator, IDEAS, text)) === 0, `"${text}" cannot have reached the facilitator yet`);
    }
  });

  await step('still offline, the phone reloads: the browser asks first, and the unsent notes are still there', async () => {
    await phone.reload();
    assert(leavePrompts.length === 1, `leaving with unsent notes should ask first (asked ${leavePrompts.length} times)`);
    await phone.getByText('3 waiting to be sent', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await phone.getByText('You are offline.', { exact: false }).waitFor();
  });

  await step('back online, all three notes appear exactly once and in order on every screen', async () => {
    await phoneContext.setOffline(false);
    await expectLive(phone, 'the phone after coming back online');
    for (const [page, who] of screens) {
      await eventually(`${who} shows the three notes in order`, async () =>
        JSON.stringify(await noteTexts(page, IDEAS)) === JSON.stringify(OFFLINE_NOTES),
      );
    }
    await phone.getByText('All your changes are saved.', { exact: true }).waitFor();
    const saved = await section(phone, IDEAS).getByText('Saved', { exact: true }).count();
    assert(saved === 3, `each of the phone's own notes should say "Saved", ${saved} do`);
    assert((await keptOps(phone)) === 0, 'answered ops should leave the IndexedDB outbox');
    // A late duplicate would show up now.
    await new Promise((r) => setTimeout(r, 1000));
    for (const [page, who] of screens) {
      const texts = await noteTexts(page, IDEAS);
      assert(JSON.stringify(texts) === JSON.stringify(OFFLINE_NOTES), `${who} shows ${JSON.stringify(texts)}`);
    }
  });

  const refused = 'Who answers the chat at night?';
  await step('a note posted offline into a section deleted meanwhile is refused; the phone offers its text (axe-clean)', async () => {
    await phoneContext.setOffline(true);
    await phone.getByText('You are offline.', { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await postNote(phone, QUESTIONS, refused);
    await section(phone, QUESTIONS).getByText('Sending…').waitFor();

    await section(facilitator, QUESTIONS).getByRole('button', { name: /Edit section/ }).click();
    await section(facilitator, QUESTIONS).getByRole('button', { name: 'Delete section' }).click();
    await facilitator.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await eventually('the projector no longer shows the section', async () => (await section(projector, QUESTIONS).count()) === 0);

    await phoneContext.setOffline(false);
    await phone.getByText('Your note was not posted: the section has been deleted.').waitFor({ timeout: RESUME_TIMEOUT_MS });
    const offered = await phone.getByRole('textbox', { name: 'Your text' }).inputValue();
    assert(offered === refused, `the refused text should be offered back, found ${JSON.stringify(offered)}`);
    await phone.getByRole('button', { name: 'Copy the text' }).waitFor();
    await expectNoAxeViolations(phone, 'participant board with a refused note and its text');
    await phone.getByRole('button', { name: 'Close', exact: true }).tap();
    for (const [page, who] of screens) {
      assert((await page.getByText(refused, { exact: true }).count()) === 0, `${who} shows the refused note`);
    }
  });

  await step('note text made of HTML and script is shown literally, on every screen', async () => {
    await postNote(phone, IDEAS, HOSTILE);
    for (const [page, who] of screens) {
      await eventually(`${who} shows the note`, async () => (await noteTexts(page, IDEAS)).includes(HOSTILE));
      const rendered = await section(page, IDEAS).locator('img, b, script').count();
      assert(rendered === 0, `${who} turned note text into ${rendered} element(s)`);
      assert((await countNotes(page, IDEAS, HOSTILE)) === 1, `${who} should show the note once`);
    }
  });

  const downtimeNote = 'Posted while the server was down';
  const phoneDraft = 'Half-written: a night bus';
  const facilitatorDraft = 'Facilitator, mid-sentence';
  await step('the server stops mid-session: the phone says it is reconnecting (axe-clean), and keeps posting', async () => {
    for (const [page] of screens) await markPage(page);
    await section(facilitator, IDEAS).getByRole('textbox', { name: /New note/ }).fill(facilitatorDraft);
    await askDriver('stop the server', 'stopped');
    await phone.getByText('The connection was lost. Reconnecting…', { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(phone, 'participant board while reconnecting');
    await postNote(phone, IDEAS, downtimeNote);
    await section(phone, IDEAS).getByRole('textbox', { name: /New note/ }).fill(phoneDraft);
    await section(phone, IDEAS).getByText('Sending…').waitFor();
  });

  await step('the server starts again: every screen resumes without a reload, nothing typed is lost', async () => {
    await askDriver('start the server', 'started');
    for (const [page, who] of screens) {
      await page.getByText('Live', { exact: true }).waitFor({ timeout: RESUME_TIMEOUT_MS });
      await eventually(`${who} shows the note posted during the outage exactly once`, async () =>
        (await countNotes(page, IDEAS, downtimeNote)) === 1,
      );
      await expectNotReloaded(page, who);
    }
    const expected = [...OFFLINE_NOTES, HOSTILE, downtimeNote];
    for (const [page, who] of screens) {
      const texts = await noteTexts(page, IDEAS);
      assert(JSON.stringify(texts) === JSON.stringify(expected), `${who} shows ${JSON.stringify(texts)}`);
    }
    const phoneText = await section(phone, IDEAS).getByRole('textbox', { name: /New note/ }).inputValue();
    assert(phoneText === phoneDraft, `the phone's unposted text should survive, found ${JSON.stringify(phoneText)}`);
    const facilitatorText = await section(facilitator, IDEAS).getByRole('textbox', { name: /New note/ }).inputValue();
    assert(facilitatorText === facilitatorDraft, `the facilitator's unposted text should survive, found ${JSON.stringify(facilitatorText)}`);
    await section(phone, IDEAS).getByRole('button', { name: 'Post' }).tap();
    await eventually('the draft, posted after the restart, reaches the projector', async () =>
      (await countNotes(projector, IDEAS, phoneDraft)) === 1,
    );
  });
}

await runStory({ name: 'resume', run: 'cargo test -p talkoot-tests --test browser_resume', driven: true }, tell);
