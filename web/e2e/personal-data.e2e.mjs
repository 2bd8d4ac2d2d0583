// Personal data on a phone, in real browsers against a running talkoot server (its address in
// TALKOOT_URL). Anna writes on a 375×667 phone; the facilitator watches the board on a laptop:
//
//   1. Anna types a note with a personal identity code (henkilötunnus) and taps Post: the
//      browser refuses it before sending, the text stays in the box with the reason, read with
//      the box; nothing reaches the facilitator;
//   2. a note with a code that this browser never checked (left in the phone's outbox by an
//      older version of the app) is sent on reload: the server refuses it with personal_data,
//      and the text comes back into the composer with the reason, there and in the notice;
//   3. Anna posts a phone number: a warning is announced (role="alert"), tied to the box; she
//      overrides it by keyboard ("Send anyway"), and the note reaches the facilitator;
//   4. a comment with a code is refused the same way in the comment box.
//
// Every new state is checked with axe (WCAG 2.1 A/AA).
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/personal-data.e2e.mjs
//
// Exits 0 only when every step passed; prints which step failed and why otherwise.

import { expectNoAxeViolations, expectNotInPage, noteIn, postNote, section, tapOrClick } from './board-page.mjs';
import { keptOps } from './device.mjs';
import { joinFromPhone } from './join-page.mjs';
import { focused } from './keyboard.mjs';
import { createBoard, openAsFacilitator } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, openScreen } from './screens.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

const TITLE = 'Asiakaspolku, iltapäivä';
const IDEAS = 'Ideas';
/** Made up, with a valid check character (the example code of the Finnish Digital Agency). */
const CODE = '131052-308T';
/** Made up too: a 2000s code with a century sign added in 2023. */
const NEW_CODE = '170812C4180';
const CODE_NOTE = `The client ${CODE} waited three hours`;
const OLD_NOTE = `Call back ${NEW_CODE} tomorrow`;
const PHONE_NOTE = 'Helpdesk for families: 040 123 4567';
const REFUSED = 'Your note was not posted: it contains a personal identity code (henkilötunnus).';

const composer = (page) => section(page, IDEAS).getByRole('textbox', { name: /New note/ });

/** The texts of the elements that the element's aria-describedby names, joined. */
const description = (locator) =>
  locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
      .join(' '),
  );

/** Puts a post_note op straight into the phone's outbox, as an app without the check would have. */
const leaveInOutbox = (page, board, op) =>
  page.evaluate(
    async ({ board, op }) => {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('talkoot-outbox');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('pending', 'readwrite');
      tx.objectStore('pending').put({ board, op_id: crypto.randomUUID(), position: Date.now(), op });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { board, op },
  );

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({ title: TITLE, sections: [IDEAS] });
  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  const anna = await openScreen(browser, PHONE, 'Anna', errors);

  await step('the facilitator opens the board, Anna joins from her phone', async () => {
    await openAsFacilitator(facilitator, board);
    await joinFromPhone(anna, TITLE, 'Anna', { code: board.join_code, name: 'Anna' });
  });

  await step('a note with an identity code is refused on the phone: the text stays, the reason is read with the box (axe-clean)', async () => {
    await postNote(anna, IDEAS, CODE_NOTE);
    const box = composer(anna);
    await section(anna, IDEAS).getByText(REFUSED, { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await box.inputValue()) === CODE_NOTE, `the text should stay in the box, it holds ${JSON.stringify(await box.inputValue())}`);
    assert((await box.getAttribute('aria-invalid')) === 'true', 'the box should be marked invalid');
    const said = await description(box);
    assert(said.includes(REFUSED), `the box should be described by the reason, is by ${JSON.stringify(said)}`);
    assert((await keptOps(anna)) === 0, 'nothing should wait to be sent');
    await expectNoAxeViolations(anna, 'participant board with a refused note');
    await expectNotInPage(facilitator, [CODE], 'the facilitator');
  });

  await step('a code the browser never checked is refused by the server on reload: back in the composer with the reason', async () => {
    await composer(anna).fill('');
    await leaveInOutbox(anna, board.board_id, {
      type: 'post_note',
      id: crypto.randomUUID(),
      section: board.sections[0].id,
      text: OLD_NOTE,
      colour: 'yellow',
    });
    await anna.reload();
    const box = composer(anna);
    await eventually('the refused text is back in the composer', async () => (await box.inputValue()) === OLD_NOTE);
    await anna
      .getByText(`${REFUSED} Remove it: identity codes never go on a board. Your text is back in the new note box.`)
      .waitFor({ timeout: LIVE_TIMEOUT_MS });
    const said = await description(box);
    assert(said.includes(REFUSED), `the box should be described by the server's reason, is by ${JSON.stringify(said)}`);
    await eventually('the refused op has left the outbox', async () => (await keptOps(anna)) === 0);
    await expectNoAxeViolations(anna, 'participant board with a note the server refused');
    await expectNotInPage(facilitator, [NEW_CODE], 'the facilitator');
    await anna.getByRole('button', { name: 'Close', exact: true }).click();
  });

  await step('a phone number is warned about (announced, tied to the box); "Send anyway" by keyboard posts it (axe-clean)', async () => {
    const box = composer(anna);
    await box.fill(PHONE_NOTE);
    await tapOrClick(section(anna, IDEAS).getByRole('button', { name: 'Post' }));
    const alert = section(anna, IDEAS).getByRole('alert');
    await alert.waitFor({ timeout: LIVE_TIMEOUT_MS });
    const warning = await alert.innerText();
    assert(/contact details: 040 123 4567\. Remove personal data/.test(warning), `the warning says ${JSON.stringify(warning)}`);
    assert((await description(box)).includes(warning), 'the warning should be read with the box');
    assert((await box.inputValue()) === PHONE_NOTE, 'the text should wait in the box');
    await expectNoAxeViolations(anna, 'participant board with a contact details warning');
    await expectNotInPage(facilitator, ['040 123 4567'], 'the facilitator');
    // Keyboard only: from the box, Tab reaches "Send anyway"; Enter sends.
    await box.focus();
    for (let i = 0; i < 10 && (await focused(anna)).text !== 'Send anyway'; i++) await anna.keyboard.press('Tab');
    assert((await focused(anna)).text === 'Send anyway', 'Tab from the box should reach "Send anyway"');
    await anna.keyboard.press('Enter');
    await noteIn(facilitator, IDEAS, PHONE_NOTE).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await noteIn(anna, IDEAS, PHONE_NOTE).waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await box.inputValue()) === '', 'the box should be empty once the note is sent');
    assert((await section(anna, IDEAS).getByRole('alert').count()) === 0, 'the warning should be gone');
  });

  await step('a comment with an identity code is refused in the comment box, the text kept', async () => {
    const note = noteIn(anna, IDEAS, PHONE_NOTE);
    await tapOrClick(note.getByRole('button', { name: /^Comments \(\d+\)$/ }));
    const box = note.getByRole('textbox', { name: 'Write a comment' });
    await box.fill(`Same client, ${CODE}`);
    await tapOrClick(note.getByRole('button', { name: 'Comment', exact: true }));
    const reason = 'The comment was not posted: it contains a personal identity code (henkilötunnus).';
    await note.getByText(reason, { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await box.inputValue()) === `Same client, ${CODE}`, 'the comment text should stay in the box');
    assert((await description(box)).includes(reason), 'the reason should be read with the comment box');
    await expectNoAxeViolations(anna, 'participant board with a refused comment');
    await expectNotInPage(facilitator, [CODE], 'the facilitator');
  });
}

await runStory({ name: 'personal data', run: 'cargo test -p talkoot-tests --test browser_personal_data' }, tell);
