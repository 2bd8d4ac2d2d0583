// A workshop in real browsers against a running talkoot server (its address in TALKOOT_URL):
// a facilitator on a laptop creates a board, two participants join from phones, and notes
// travel live between the three screens. Every view is checked with axe (WCAG 2.1 A/AA), and
// one participant posts using the keyboard alone. A phone that reopens its board must see it
// laid out once: nothing may move when the board replaces its loading state, or when the board
// kept on the device goes live.
//
//   TALKOOT_URL=http://127.0.0.1:8080 npm run e2e
//
// Exits 0 only when every step passed; prints which step failed and why otherwise.

import {
  countNotes,
  expectBoardLive,
  expectLive,
  expectNoAxeViolations,
  expectNotReloaded,
  markPage,
  noteIn,
  postNote,
  section,
} from './board-page.mjs';
import { forgetKeptBoards, keptView, storedSecrets } from './device.mjs';
import { fillJoinForm, tapJoin } from './join-page.mjs';
import { focused, tabTo } from './keyboard.mjs';
import { layoutShiftSoFar, recordLayoutShifts } from './layout-shift.mjs';
import { createBoard } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

const TITLE = 'Youth services 2026';
const SECTION_1 = 'Psychosocial support for young people';
const SECTION_2 = 'Services for older people';
const CASE_TEXT = 'Client case: Aino, 17, lives with her father.\nShe has stopped going to school.';

/**
 * A participant's phone opens a board it joined before (the board in Finnish, the app's first
 * language, whose longer status texts once pushed the header onto a new line): first with
 * nothing kept on the device, so the board replaces its loading state when it arrives; then
 * with the board kept, so it is drawn from the device at once and the server's welcome follows.
 * Everything that moves counts, as in Lighthouse's CLS.
 */
async function expectNoLayoutShiftOnReopen(browser, errors) {
  const title = 'Nuorten palvelut 2026';
  const board = await createBoard({
    title,
    description: 'Asiakastapaus: Aino, 17, asuu isänsä kanssa.',
    language: 'fi',
    sections: ['Nuorten psykososiaalinen tuki', 'Ikäihmisten palvelut'],
  });
  const page = await openScreen(browser, { ...PHONE, locale: 'fi-FI' }, 'phone C', errors);
  try {
    await fillJoinForm(page, { code: board.join_code });
    await page.getByRole('button', { name: 'Liity', exact: true }).tap();
    await page.getByText('Yhteys toimii', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await recordLayoutShifts(page);
    // As on venue wifi, the board arrives after the page has been drawn: each reload's
    // WebSocket waits until the test has seen what the page draws first.
    let gate = Promise.resolve();
    const hold = () => {
      let release = () => {};
      gate = new Promise((resolve) => (release = resolve));
      return release;
    };
    await page.routeWebSocket(/\/ws$/, async (socket) => {
      await gate;
      socket.connectToServer();
    });
    const expectLaidOutOnce = async (when) => {
      await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: LIVE_TIMEOUT_MS });
      await section(page, 'Ikäihmisten palvelut').waitFor();
      await page.getByText('Yhteys toimii', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
      await page.getByText('1 paikalla', { exact: true }).waitFor();
      const { total, moved } = await layoutShiftSoFar(page);
      assert(total < 0.1, `the board moved ${when} (layout shift ${total.toFixed(3)}):\n       ${moved.join('\n       ')}`);
    };

    // A first visit keeps nothing yet: empty what this one kept (once it has written it).
    await eventually('the phone keeps the board', async () => (await keptView(page, board.board_id)) !== null);
    await forgetKeptBoards(page);
    let release = hold();
    await page.reload();
    await page.getByText('Ladataan taulua…', { exact: true }).waitFor();
    await layoutShiftSoFar(page);
    release();
    await expectLaidOutOnce('while it loaded');

    await eventually('the phone keeps the board again', async () => (await keptView(page, board.board_id)) !== null);
    release = hold();
    await page.reload();
    // Kept on the device, the board is there before the server has said a word.
    await section(page, 'Ikäihmisten palvelut').waitFor();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await layoutShiftSoFar(page);
    release();
    await expectLaidOutOnce('when the kept board went live');
  } finally {
    await page.context().close();
  }
}

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  let joinCode = '';

  await step('the landing page offers joining and creating, and passes axe', async () => {
    await facilitator.goto(`${BASE}/`);
    await facilitator.getByRole('heading', { level: 1 }).waitFor();
    assert((await facilitator.getByRole('heading', { level: 1 }).count()) === 1, 'the landing page must have exactly one h1');
    await facilitator.getByRole('link', { name: 'Create a workshop' }).waitFor();
    await facilitator.getByLabel('Join code').waitFor();
    const inputmode = await facilitator.getByLabel('Join code').getAttribute('inputmode');
    assert(inputmode === 'numeric', `the join code field should bring up a number pad (inputmode=${inputmode})`);
    await expectNoAxeViolations(facilitator, 'landing page');
  });

  await step('the facilitator fills in the create form (axe-clean, also with its own errors showing)', async () => {
    await facilitator.getByRole('link', { name: 'Create a workshop' }).click();
    await facilitator.getByRole('heading', { level: 1, name: 'Create a workshop' }).waitFor();
    await expectNoAxeViolations(facilitator, 'create form');
    // Submitting empty shows an error summary, said at once (role="alert"), and the same next to
    // the field, which takes focus.
    await facilitator.getByRole('button', { name: 'Create the workshop' }).click();
    await facilitator.getByRole('alert').getByText('Give the workshop a title.').waitFor();
    const focusedId = await facilitator.evaluate(() => document.activeElement?.id);
    assert(focusedId === 'board-title', `the first field to fix should take focus, focus is on #${focusedId}`);
    await facilitator.locator('#board-title-problem').getByText('Give the workshop a title.').waitFor();
    await expectNoAxeViolations(facilitator, 'create form with errors');
    await facilitator.getByLabel('Workshop title').fill(TITLE);
    await facilitator.getByLabel(/Case material/).fill(CASE_TEXT);
    await facilitator.getByLabel('Language of the board').selectOption('en');
    // The blank template has no sections: the facilitator adds a row for each.
    for (const [i, title] of [SECTION_1, SECTION_2].entries()) {
      await facilitator.getByRole('button', { name: 'Add a section' }).click();
      await facilitator.getByLabel(`Title of section ${i + 1}`).fill(title);
    }
    await facilitator.getByRole('button', { name: 'Create the workshop' }).click();
  });

  await step('the board opens for the facilitator with the join code shown big, and passes axe', async () => {
    await expectBoardLive(facilitator, TITLE, 'the facilitator');
    const code = facilitator.getByText(/^\d{4} \d{4}$/);
    await code.waitFor();
    joinCode = (await code.innerText()).trim();
    assert(/^\d{4} \d{4}$/.test(joinCode), `the join code should read like "4821 5903", got "${joinCode}"`);
    const size = await code.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert(size >= 48, `the join code should be projector-sized, is ${size}px`);
    const url = facilitator.url();
    assert(!url.includes('/f/'), `the facilitator key must not stay in the projected address bar: ${url}`);
    await section(facilitator, SECTION_1).waitFor();
    await section(facilitator, SECTION_2).waitFor();
    await facilitator.getByText('She has stopped going to school.', { exact: false }).waitFor();
    const lang = await facilitator.evaluate(() => document.documentElement.lang);
    assert(lang === 'en', `<html lang> should follow the board's language "en", got "${lang}"`);
    await markPage(facilitator);
    await expectNoAxeViolations(facilitator, 'facilitator board');
  });

  const phoneA = await openScreen(browser, PHONE, 'phone A', errors);
  const phoneB = await openScreen(browser, PHONE, 'phone B', errors);

  await step('phone A joins by typing the code and a name (join form passes axe)', async () => {
    await fillJoinForm(phoneA, { code: joinCode, name: 'Anna', typed: true });
    await expectNoAxeViolations(phoneA, 'join form on a phone');
    await tapJoin(phoneA, TITLE, 'phone A');
    const board = new URL(phoneA.url()).hash.match(/^#\/b\/([A-Za-z0-9_-]+)$/)?.[1] ?? '';
    const { participant } = await storedSecrets(phoneA, board);
    assert(participant?.token?.startsWith('p_'), `phone A should keep its token in localStorage, keeps ${JSON.stringify(participant)}`);
    await markPage(phoneA);
  });

  await step('phone B joins anonymously by typing the code', async () => {
    await fillJoinForm(phoneB, { code: joinCode, typed: true });
    await tapJoin(phoneB, TITLE, 'phone B');
    await markPage(phoneB);
  });

  await step('the participant board on a phone passes axe, stacked in one column', async () => {
    const [first, second] = await Promise.all([
      section(phoneA, SECTION_1).boundingBox(),
      section(phoneA, SECTION_2).boundingBox(),
    ]);
    assert(first && second && second.y > first.y + first.height - 1, 'on a phone the sections should be stacked');
    assert(first.width <= 375, `a section should fit the phone's width, was ${first.width}px`);
    await expectNoAxeViolations(phoneA, 'participant board on a phone');
  });

  await step('a phone reopening a Finnish board sees it laid out once (layout shift below 0.1)', async () => {
    await expectNoLayoutShiftOnReopen(browser, errors);
  });

  const firstText = 'More low-threshold services\nin the evenings';
  await step('phone A posts a note; it appears live on the facilitator screen and on phone B', async () => {
    const composer = section(phoneA, SECTION_1).getByRole('textbox', { name: /New note/ });
    await composer.tap();
    await composer.fill(firstText);
    await section(phoneA, SECTION_1).getByRole('button', { name: 'Post' }).tap();
    for (const [page, who] of [
      [facilitator, 'the facilitator'],
      [phoneB, 'phone B'],
      [phoneA, 'phone A'],
    ]) {
      await eventually(`${who} shows the note in "${SECTION_1}"`, async () => (await countNotes(page, SECTION_1, firstText)) === 1);
    }
    await expectNotReloaded(facilitator, 'the facilitator');
    await expectNotReloaded(phoneB, 'phone B');
    const author = await noteIn(facilitator, SECTION_1, firstText).innerText();
    assert(author.includes('Anna'), `the note should show its author's name "Anna": ${JSON.stringify(author)}`);
    const lines = await noteIn(facilitator, SECTION_1, firstText).getByText(firstText, { exact: true }).evaluate(
      (el) => getComputedStyle(el).whiteSpace,
    );
    assert(lines === 'pre-wrap', `note text should keep its line breaks (white-space: ${lines})`);
  });

  await step('phone B posts anonymously; the facilitator sees "anonymous"', async () => {
    const text = 'Peer support groups';
    await postNote(phoneB, SECTION_2, text);
    await eventually('the facilitator shows phone B’s note', async () => (await countNotes(facilitator, SECTION_2, text)) === 1);
    const card = await noteIn(facilitator, SECTION_2, text).innerText();
    assert(/anonymous/.test(card), `an anonymous note should say "anonymous": ${JSON.stringify(card)}`);
  });

  await step('phone B gets no edit controls for phone A’s note', async () => {
    const note = noteIn(phoneB, SECTION_1, firstText);
    await note.waitFor();
    // Everyone may open a note's comments; nothing else on it is B's to press.
    const controls = await note.getByRole('button').filter({ hasNotText: /^Comments/ }).count();
    assert(controls === 0, `phone B sees ${controls} edit control(s) on someone else's note`);
    const own = noteIn(phoneA, SECTION_1, firstText);
    assert((await own.getByRole('button', { name: 'Edit', exact: true }).count()) === 1, 'phone A should be able to edit its own note');
  });

  const editedText = 'More low-threshold services in the evenings and at weekends';
  await step('phone A edits its note (the edit form passes axe); the facilitator sees the new text', async () => {
    await noteIn(phoneA, SECTION_1, firstText).getByRole('button', { name: 'Edit', exact: true }).tap();
    const field = phoneA.getByRole('textbox', { name: 'Edit the note' });
    await field.waitFor();
    assert(await field.evaluate((el) => el === document.activeElement), 'the edit field should take focus');
    await expectNoAxeViolations(phoneA, 'participant board with an edit form open');
    await field.fill(editedText);
    await phoneA.getByRole('button', { name: 'Save', exact: true }).tap();
    await eventually('the facilitator shows the edited text', async () => (await countNotes(facilitator, SECTION_1, editedText)) === 1);
    assert((await countNotes(facilitator, SECTION_1, firstText)) === 0, 'the old text should be gone on the facilitator');
    await eventually('phone B shows the edited text', async () => (await countNotes(phoneB, SECTION_1, editedText)) === 1);
    await expectNotReloaded(facilitator, 'the facilitator');
  });

  await step('the facilitator moves the note with "Move to section…"; both phones see it move', async () => {
    const note = noteIn(facilitator, SECTION_1, editedText);
    await note.getByRole('button', { name: 'More', exact: true }).click();
    await note.getByLabel('Move to section…').selectOption({ label: SECTION_2 });
    await expectNoAxeViolations(facilitator, 'facilitator board with note options open');
    await note.getByRole('button', { name: 'Move', exact: true }).click();
    for (const [page, who] of [
      [facilitator, 'the facilitator'],
      [phoneA, 'phone A'],
      [phoneB, 'phone B'],
    ]) {
      await eventually(
        `${who} shows the note in "${SECTION_2}" and no longer in "${SECTION_1}"`,
        async () =>
          (await countNotes(page, SECTION_2, editedText)) === 1 && (await countNotes(page, SECTION_1, editedText)) === 0,
      );
    }
    await expectNotReloaded(phoneA, 'phone A');
    await expectNotReloaded(phoneB, 'phone B');
  });

  const markup = '<img src=x onerror=alert(1)>';
  await step('a note containing HTML is shown as literal text on every screen', async () => {
    await postNote(phoneA, SECTION_1, markup);
    for (const [page, who] of [
      [facilitator, 'the facilitator'],
      [phoneB, 'phone B'],
    ]) {
      await eventually(`${who} shows the markup as text`, async () => (await countNotes(page, SECTION_1, markup)) === 1);
      const images = await section(page, SECTION_1).locator('img').count();
      assert(images === 0, `${who} rendered an <img> from note text`);
    }
  });

  await step('the facilitator deletes a note while its author edits it; the author keeps the draft', async () => {
    const text = 'A note that will be deleted';
    await postNote(phoneA, SECTION_1, text);
    await eventually('the facilitator shows the note to delete', async () => (await countNotes(facilitator, SECTION_1, text)) === 1);
    await noteIn(phoneA, SECTION_1, text).getByRole('button', { name: 'Edit', exact: true }).tap();
    const draft = 'My careful rewrite';
    await phoneA.getByRole('textbox', { name: 'Edit the note' }).fill(draft);

    const note = noteIn(facilitator, SECTION_1, text);
    await note.getByRole('button', { name: 'More', exact: true }).click();
    await note.getByRole('button', { name: 'Delete note' }).click();
    const dialog = facilitator.getByRole('dialog');
    await dialog.waitFor();
    await expectNoAxeViolations(facilitator, 'facilitator board with the delete confirmation open');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await eventually('the note is gone on the facilitator', async () => (await countNotes(facilitator, SECTION_1, text)) === 0);
    await eventually(
      'after deleting, focus goes to the section heading',
      async () => (await facilitator.evaluate(() => document.activeElement?.textContent?.trim())) === SECTION_1,
    );

    // The card and its edit form went with the note on phone A, but the draft did not.
    await phoneA.getByText('The note you were editing was deleted.', { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const composer = section(phoneA, SECTION_1).getByRole('textbox', { name: /New note/ });
    assert((await composer.inputValue()) === draft, `the draft should be in the composer, found ${JSON.stringify(await composer.inputValue())}`);
    await expectNoAxeViolations(phoneA, 'participant board with a notice showing');
    await phoneA.getByRole('button', { name: 'Close', exact: true }).tap();
    await composer.fill('');
  });

  await step('phone A loses its network, keeps writing, and it all arrives once back; a refused edit is explained', async () => {
    const doomed = 'This note gets deleted while phone A is offline';
    await postNote(phoneA, SECTION_1, doomed);
    await eventually('the facilitator shows the note', async () => (await countNotes(facilitator, SECTION_1, doomed)) === 1);

    await phoneA.context().setOffline(true);
    await phoneA.getByText('Offline', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const offlineText = 'Written while offline';
    await postNote(phoneA, SECTION_1, offlineText);
    await section(phoneA, SECTION_1).getByText('Sending…').waitFor();
    await noteIn(phoneA, SECTION_1, doomed).getByRole('button', { name: 'Edit', exact: true }).tap();
    await phoneA.getByRole('textbox', { name: 'Edit the note' }).fill('Edited while offline');
    await phoneA.getByRole('button', { name: 'Save', exact: true }).tap();
    await phoneA.getByRole('button', { name: 'Saving…' }).waitFor();

    const note = noteIn(facilitator, SECTION_1, doomed);
    await note.getByRole('button', { name: 'More', exact: true }).click();
    await note.getByRole('button', { name: 'Delete note' }).click();
    await facilitator.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await eventually('the facilitator no longer shows the deleted note', async () => (await countNotes(facilitator, SECTION_1, doomed)) === 0);
    assert((await countNotes(facilitator, SECTION_1, offlineText)) === 0, 'an offline note cannot have arrived yet');

    await phoneA.context().setOffline(false);
    await expectLive(phoneA, 'phone A after the network came back');
    await eventually('the note written offline arrives on the facilitator exactly once', async () => (await countNotes(facilitator, SECTION_1, offlineText)) === 1);
    await phoneA.getByText('The note was not saved: the note has been deleted.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    const composer = section(phoneA, SECTION_1).getByRole('textbox', { name: /New note/ });
    assert(
      (await composer.inputValue()) === 'Edited while offline',
      `the refused edit's text should be in the composer, found ${JSON.stringify(await composer.inputValue())}`,
    );
    await expectNoAxeViolations(phoneA, 'participant board with rejection notices');
    await expectNotReloaded(phoneA, 'phone A');
    const closeButtons = phoneA.getByRole('button', { name: 'Close', exact: true });
    for (let n = await closeButtons.count(); n > 0; n = await closeButtons.count()) {
      await closeButtons.first().tap();
      await eventually('the notice closes', async () => (await closeButtons.count()) < n);
    }
    await composer.fill('');
    await new Promise((r) => setTimeout(r, 500));
    assert((await countNotes(facilitator, SECTION_1, offlineText)) === 1, 'the offline note must not arrive twice');
  });

  await step('phone B reloads and is still the same participant (its token was kept)', async () => {
    await phoneB.reload();
    await expectLive(phoneB, 'phone B after a reload');
    const own = noteIn(phoneB, SECTION_2, 'Peer support groups');
    await own.waitFor();
    assert(
      (await own.getByRole('button', { name: 'Edit', exact: true }).count()) === 1,
      'after a reload phone B should still own its note (same token, no new join)',
    );
  });

  await step('keyboard only: on a phone-sized board, Tab to the composer, type, Tab to Post, Enter', async () => {
    const text = 'Typed with the keyboard alone';
    await tabTo(phoneB, (f) => f.tag === 'TEXTAREA' && f.id.startsWith('composer-'), 'a note composer', { within: 60 });
    const composerId = (await focused(phoneB)).id;
    const sectionTitle = await phoneB.evaluate(
      (id) => document.getElementById(`section-${id.slice('composer-'.length)}-title`)?.textContent?.trim(),
      composerId,
    );
    assert(sectionTitle === SECTION_1, `the first composer reached by Tab should be in "${SECTION_1}", was "${sectionTitle}"`);
    await phoneB.keyboard.type(text);
    await tabTo(phoneB, (f) => f.tag === 'BUTTON' && f.text === 'Post', 'the composer’s Post button', { within: 10 });
    await phoneB.keyboard.press('Enter');
    await eventually('the keyboard-posted note shows on phone B', async () => (await countNotes(phoneB, SECTION_1, text)) === 1);
    await eventually('the keyboard-posted note shows on the facilitator', async () => (await countNotes(facilitator, SECTION_1, text)) === 1);
    // Ctrl+Enter posts straight from the text field too.
    await phoneB.keyboard.press('Shift+Tab');
    await phoneB.keyboard.press('Shift+Tab');
    const back = await focused(phoneB);
    assert(back.id === composerId, `Shift+Tab twice should return to the composer, reached ${JSON.stringify(back)}`);
    await phoneB.keyboard.type('Posted with Ctrl+Enter');
    await phoneB.keyboard.press('Control+Enter');
    await eventually('the Ctrl+Enter note shows on the facilitator', async () => (await countNotes(facilitator, SECTION_1, 'Posted with Ctrl+Enter')) === 1);
  });

  await step('the language switcher turns the UI Finnish and sets <html lang>', async () => {
    await phoneB.getByRole('button', { name: 'suomi', exact: true }).tap();
    await section(phoneB, SECTION_1).getByRole('button', { name: 'Lähetä' }).waitFor();
    const lang = await phoneB.evaluate(() => document.documentElement.lang);
    assert(lang === 'fi', `<html lang> should be "fi" after switching, got "${lang}"`);
    await expectNoAxeViolations(phoneB, 'participant board in Finnish');
  });

  await step('the facilitator link reopens the board as its facilitator in another browser', async () => {
    await facilitator.getByRole('button', { name: 'Show facilitator link' }).click();
    const link = await facilitator.getByLabel('Facilitator link', { exact: true }).inputValue();
    assert(/#\/b\/[A-Za-z0-9_-]+\/f\/f_/.test(link), `unexpected facilitator link: ${link}`);
    await expectNoAxeViolations(facilitator, 'facilitator board with the facilitator link shown');
    const later = await openScreen(browser, DESKTOP, 'facilitator later', errors);
    await later.goto(link);
    await later.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await later.getByRole('button', { name: 'Edit workshop details' }).waitFor();
    await section(later, SECTION_2).getByRole('button', { name: /Edit section/ }).waitFor();
    await later.context().close();
  });

  await step('the facilitator reorders notes and sections and renames a section; phones follow', async () => {
    const order = async (page) =>
      section(page, SECTION_1).getByRole('listitem').locator('p[id$="-text"]').allInnerTexts();
    const before = await order(facilitator);
    assert(before.length >= 2, `"${SECTION_1}" should hold several notes by now, has ${before.length}`);
    const last = before.at(-1);
    const card = noteIn(facilitator, SECTION_1, last);
    await card.getByRole('button', { name: 'More', exact: true }).click();
    await card.getByRole('button', { name: 'Move up' }).click();
    const expected = [...before.slice(0, -2), last, before.at(-2)];
    await eventually('phone B shows the note one place higher', async () => JSON.stringify(await order(phoneB)) === JSON.stringify(expected));
    // Phone B may show the move before the facilitator's own screen has re-rendered it.
    await eventually(
      `focus stays on the moved note's "Move up"`,
      async () => (await facilitator.evaluate(() => document.activeElement?.textContent?.trim()))?.endsWith('Move up'),
    );

    const headings = (page) => page.locator('main section h2[id$="-title"]').allInnerTexts();
    await section(facilitator, SECTION_1).getByRole('button', { name: /Edit section/ }).click();
    await facilitator.getByRole('button', { name: 'Move right' }).click();
    await eventually('phone A shows the sections swapped', async () => JSON.stringify(await headings(phoneA)) === JSON.stringify([SECTION_2, SECTION_1]));

    await facilitator.getByLabel('Section title').fill('Support for young people');
    await facilitator.getByRole('button', { name: 'Save section' }).click();
    await eventually('phone B shows the new section title', async () => (await section(phoneB, 'Support for young people').count()) === 1);
  });

  await step('the facilitator adds a section and deletes it again; phone A recolours its note', async () => {
    await facilitator.getByRole('button', { name: 'Add a section' }).click();
    await facilitator.getByLabel('Title of the new section').fill('Family services');
    await section(facilitator, 'Add a section').getByRole('radio', { name: 'Purple' }).check();
    await facilitator.getByRole('button', { name: 'Add a section' }).click();
    await section(phoneB, 'Family services').waitFor({ timeout: LIVE_TIMEOUT_MS });
    // Focus moves once the facilitator's own screen has the section, which may be after phone B.
    await eventually(
      "focus moves to the new section's heading",
      async () => (await facilitator.evaluate(() => document.activeElement?.textContent?.trim())) === 'Family services',
    );

    await section(facilitator, 'Family services').getByRole('button', { name: /Edit section/ }).click();
    await section(facilitator, 'Family services').getByRole('button', { name: 'Delete section' }).click();
    const dialog = facilitator.getByRole('dialog');
    await dialog.getByText('Delete the section “Family services”? It has no notes.').waitFor();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await eventually('phone B no longer shows the deleted section', async () => (await section(phoneB, 'Family services').count()) === 0);

    const own = noteIn(phoneA, SECTION_2, editedText);
    await own.getByRole('button', { name: 'More', exact: true }).tap();
    await own.getByRole('radio', { name: 'Green' }).check();
    await eventually('the facilitator shows the note in green', async () =>
      (await noteIn(facilitator, SECTION_2, editedText).locator('article').getAttribute('class'))?.includes('colour-green'),
    );
  });

  await step('the facilitator changes the workshop title and language; the phones follow the board language', async () => {
    await facilitator.getByRole('button', { name: 'Edit workshop details' }).click();
    await facilitator.getByLabel('Workshop title').fill('Youth services 2027');
    await facilitator.getByLabel('Language of the board').selectOption('fi');
    await expectNoAxeViolations(facilitator, 'facilitator board with the workshop details form open');
    await facilitator.getByRole('button', { name: 'Save', exact: true }).click();
    // Phone A never chose a language, so it follows the board into Finnish.
    await phoneA.getByRole('heading', { level: 1, name: 'Youth services 2027' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('phone A switches to Finnish', async () => (await phoneA.evaluate(() => document.documentElement.lang)) === 'fi');
    await phoneA.getByText('Yhteys toimii', { exact: true }).waitFor();
  });

  await step('wrong codes, unknown links and refused keys each get a clear, accessible page', async () => {
    const stranger = await openScreen(browser, PHONE, 'stranger', errors);
    await stranger.goto(`${BASE}/`);
    await stranger.getByLabel('Join code').fill('123');
    await stranger.getByRole('button', { name: 'Join' }).tap();
    await stranger.getByText('The code has 8 digits.', { exact: false }).waitFor();
    const wrong = joinCode.startsWith('0000') ? '1111 1111' : '0000 0000';
    await stranger.getByLabel('Join code').fill(wrong);
    await stranger.getByRole('button', { name: 'Join' }).tap();
    await stranger.getByText('No workshop has this code.', { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(stranger, 'join form with an error');

    const boardPath = new URL(facilitator.url()).hash;
    await stranger.goto(`${BASE}/${boardPath}`);
    await stranger.getByRole('heading', { level: 1, name: 'You have not joined this workshop' }).waitFor();
    await expectNoAxeViolations(stranger, 'not-joined page');

    await stranger.goto(`${BASE}/${boardPath}/f/f_not_the_key`);
    await stranger.getByRole('heading', { level: 1, name: 'The board cannot be opened' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await stranger.getByText('This facilitator link does not open the board.', { exact: false }).waitFor();
    await expectNoAxeViolations(stranger, 'refused-key page');

    await stranger.goto(`${BASE}/#/no/such/page`);
    await stranger.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await expectNoAxeViolations(stranger, 'not-found page');
    await stranger.context().close();
  });
}

await runStory({ name: 'workshop', run: 'cargo test -p talkoot-tests --test browser' }, tell);
