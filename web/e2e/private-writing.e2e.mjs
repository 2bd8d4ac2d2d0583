// Phases, private writing, the reveal and locks, in real browsers against a running talkoot
// server (its address in TALKOOT_URL). A facilitator on a laptop runs the phases by keyboard
// alone; two participants write from 375×667 phones:
//
//   1. the facilitator starts the Write phase: each phone says, at the top, what to do and
//      that its notes are private, and a screen reader hears the new phase;
//   2. each phone posts: it sees its own note marked private, and only "1 hidden note" in the
//      other's section; the other phone's raw WebSocket frames never carry the hidden text;
//   3. a locked section and a locked board say so before anyone types, and keep typed text;
//   4. the facilitator reveals (asked first, with how many notes will show): both notes
//      arrive on every screen, in one `applied`;
//   5. the phase editor adds a phase, and a phase that takes no notes closes the composers.
//
// Every new state is checked with axe (WCAG 2.1 A/AA).
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/private-writing.e2e.mjs
//
// Exits 0 only when every step passed; prints which step failed and why otherwise.

import { expectNoAxeViolations, expectOnFirstScreen, noteIn, phaseRegion, postNote, section } from './board-page.mjs';
import { startPhaseByKeyboard } from './facilitator-controls.mjs';
import { joinFromPhone } from './join-page.mjs';
import { tabTo } from './keyboard.mjs';
import { createBoard, openAsFacilitator } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, openScreen } from './screens.mjs';
import { LIVE_TIMEOUT_MS, RESUME_TIMEOUT_MS, assert, eventually } from './story.mjs';
import { expectNotOnTheWire, receivedFrames, receivedFramesWith, recordWebSockets } from './websocket-frames.mjs';

const TITLE = 'Evening services 2026';
const GROUP_1 = 'Group 1: young people';
const GROUP_2 = 'Group 2: older people';
const ANNA_NOTE = 'Anna-private: a night-time chat line';
const BERTIL_NOTE = 'Bertil-private: home visits on Sundays';
const WRITE_INSTRUCTION = 'Write your own thoughts in your group';

/** What the board's one live region for the room's state says now. */
const announced = (page) => page.locator('#board-announcer').textContent();

/** The text an element's aria-describedby points at, as a screen reader reads it. */
const description = (locator) =>
  locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' '),
  );

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({ title: TITLE, description: 'Client case: Aino, 17, and her grandfather, 84.', sections: [GROUP_1, GROUP_2] });

  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  const anna = await openScreen(browser, PHONE, 'Anna', errors);
  const annaSockets = recordWebSockets(anna);
  const bertil = await openScreen(browser, PHONE, 'Bertil', errors);
  const bertilSockets = recordWebSockets(bertil);
  const phones = [
    [anna, 'Anna'],
    [bertil, 'Bertil'],
  ];
  const screens = [[facilitator, 'the facilitator'], ...phones];

  await step('the facilitator opens the board: no phase runs yet, the phase bar lists Write → Discuss → Vote → Act (axe-clean)', async () => {
    await openAsFacilitator(facilitator, board);
    const bar = facilitator.getByRole('region', { name: 'No phase running' });
    await bar.waitFor();
    const steps = await bar.getByRole('list', { name: 'Move to a phase' }).getByRole('button').allInnerTexts();
    const names = steps.map((s) => s.replace(/\s+/g, ' ').trim());
    assert(
      JSON.stringify(names) === JSON.stringify(['1. Write', '2. Discuss', '3. Vote', '4. Act', 'No phase NOW']),
      `the phase buttons should be the default list and "No phase" (current), are ${JSON.stringify(names)}`,
    );
    await expectNoAxeViolations(facilitator, 'facilitator board with the phase bar');
  });

  await step('two phones join; with no phase running they show no phase banner', async () => {
    await joinFromPhone(anna, TITLE, 'Anna', { code: board.join_code, name: 'Anna' });
    await joinFromPhone(bertil, TITLE, 'Bertil', { code: board.join_code, name: 'Bertil' });
    for (const [page, who] of phones) {
      assert((await page.getByRole('region', { name: /^Phase / }).count()) === 0, `${who} shows a phase before any started`);
    }
  });

  await step('keyboard only, the facilitator starts the Write phase; every screen shows it and announces it', async () => {
    await startPhaseByKeyboard(facilitator, 'Write');
    await phaseRegion(facilitator, 1, 4, 'Write').waitFor({ timeout: LIVE_TIMEOUT_MS });
    const current = await facilitator.getByRole('button', { name: /^1\. Write/ }).getAttribute('aria-current');
    assert(current === 'step', `the Write button should be marked as the current step (aria-current=${current})`);
    for (const [page, who] of screens) {
      await eventually(`${who} announces the Write phase`, async () => (await announced(page))?.startsWith('Phase now: Write.'));
      assert((await announced(page)).includes(WRITE_INSTRUCTION), `${who}'s announcement should carry the instruction`);
    }
    assert(
      (await facilitator.locator('[role="status"], [aria-live]').filter({ hasText: 'Phase now:' }).count()) === 1,
      'exactly one live region should announce the phase',
    );
  });

  await step('on each phone the phase, its instruction and "your notes are private" are on the first screen (axe-clean)', async () => {
    for (const [page, who] of phones) {
      const banner = phaseRegion(page, 1, 4, 'Write');
      await banner.waitFor({ timeout: LIVE_TIMEOUT_MS });
      await banner.getByText(WRITE_INSTRUCTION, { exact: false }).waitFor();
      await banner.getByText('Your notes are private: only you and the facilitators see them until they are revealed.').waitFor();
      await expectOnFirstScreen(page, banner, `${who}'s phase banner`);
      const composer = section(page, GROUP_1).getByRole('textbox', { name: /New note/ });
      const said = await description(composer);
      assert(said.includes('Only you and the facilitators see your note until it is revealed.'), `${who}'s composer should say its note is private before typing: ${JSON.stringify(said)}`);
    }
    await expectNoAxeViolations(anna, 'participant board in a private phase');
  });

  await step('each phone posts privately: it sees its own note marked, and only a count of the other’s', async () => {
    await postNote(anna, GROUP_1, ANNA_NOTE);
    await postNote(bertil, GROUP_2, BERTIL_NOTE);
    for (const [page, who, own, ownGroup, otherGroup, other] of [
      [anna, 'Anna', ANNA_NOTE, GROUP_1, GROUP_2, BERTIL_NOTE],
      [bertil, 'Bertil', BERTIL_NOTE, GROUP_2, GROUP_1, ANNA_NOTE],
    ]) {
      const card = noteIn(page, ownGroup, own);
      await card.waitFor({ timeout: LIVE_TIMEOUT_MS });
      await card.getByText('Only you and the facilitators see this until it is revealed.').waitFor();
      const said = await description(card.locator('article'));
      assert(said === `${own} Only you and the facilitators see this until it is revealed.`, `${who}'s own note should be described by its text and as private: ${JSON.stringify(said)}`);
      await section(page, otherGroup).getByText('1 hidden note', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
      assert((await section(page, otherGroup).getByRole('listitem').count()) === 0, `${who} shows a note card in the other group`);
      assert((await section(page, otherGroup).getByText('No notes yet.').count()) === 0, `${who} says "No notes yet" next to a hidden note`);
      assert((await page.getByText(other, { exact: false }).count()) === 0, `${who}'s page shows the other's private text`);
    }
  });

  await step('the facilitator sees both notes, marked private, and how many wait (axe-clean)', async () => {
    for (const [group, text] of [
      [GROUP_1, ANNA_NOTE],
      [GROUP_2, BERTIL_NOTE],
    ]) {
      const card = noteIn(facilitator, group, text);
      await card.waitFor({ timeout: LIVE_TIMEOUT_MS });
      await card.getByText('Private: only its writer and the facilitators see this until it is revealed.').waitFor();
    }
    await facilitator.getByText('2 private notes wait to be revealed.').waitFor();
    await expectNoAxeViolations(facilitator, 'facilitator board with private notes');
    await expectNoAxeViolations(bertil, 'participant board with a private note and a hidden count');
  });

  await step('the hidden text never reached the other phone, not even in a raw WebSocket frame', async () => {
    for (const [sockets, who, own, other] of [
      [annaSockets, 'Anna', ANNA_NOTE, BERTIL_NOTE],
      [bertilSockets, 'Bertil', BERTIL_NOTE, ANNA_NOTE],
    ]) {
      // The recorder sees this socket: its welcome, and the phone's own note in full.
      assert(receivedFrames(sockets).some((m) => m.type === 'welcome'), `${who}'s recorder caught no welcome`);
      assert(receivedFramesWith(sockets, own).length > 0, `${who}'s recorder should have caught its own note's text`);
      assert(receivedFramesWith(sockets, '"type":"hidden_note"').length > 0, `${who} should have been told of a hidden note`);
      expectNotOnTheWire(sockets, [other, other.split(':')[0]], who);
    }
  });

  const kept = 'Half-written when the lock came';
  await step('a locked section says so before anyone types, keeps typed text, and closes its writer’s note (axe-clean)', async () => {
    await section(anna, GROUP_1).getByRole('textbox', { name: /New note/ }).fill(kept);
    const controls = section(facilitator, GROUP_1);
    await controls.getByRole('button', { name: /Edit section/ }).click();
    await controls.getByRole('button', { name: 'Lock the section' }).click();
    await controls.getByText('Locked', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await controls.getByRole('button', { name: /Edit section/ }).click();

    // Bertil has typed nothing there: no composer at all, the reason instead.
    const closed = section(bertil, GROUP_1);
    await closed.getByText('The facilitator has locked this section. New notes cannot be posted here for now.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await closed.getByRole('textbox').count()) === 0, 'a locked section should offer Bertil no composer');
    assert((await closed.getByRole('button', { name: 'Post' }).count()) === 0, 'a locked section should offer no Post button');
    assert((await section(bertil, GROUP_2).getByRole('button', { name: 'Post' }).count()) === 1, 'the unlocked section should still take notes');

    // Anna was typing there: her text stays, with the reason, and nothing to post it with.
    const mine = section(anna, GROUP_1);
    await mine.getByText('Your text stays here, to post once the facilitator opens posting again.', { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const composer = mine.getByRole('textbox', { name: /New note/ });
    assert((await composer.inputValue()) === kept, `Anna's typed text should stay, found ${JSON.stringify(await composer.inputValue())}`);
    assert((await mine.getByRole('button', { name: 'Post' }).count()) === 0, 'a locked section should offer Anna no Post button');
    const card = noteIn(anna, GROUP_1, ANNA_NOTE);
    await card.getByText('This section is locked: you cannot change your note now.').waitFor();
    const editControls = card.getByRole('button').filter({ hasNotText: /^Comments/ });
    assert((await editControls.count()) === 0, 'Anna’s note in a locked section should offer no edit controls');
    await expectNoAxeViolations(anna, 'participant board with a locked section');
    await expectNoAxeViolations(bertil, 'participant board with a locked section, nothing typed');
  });

  await step('a locked board says so at the top of every phone and closes every composer; unlocking opens them', async () => {
    await facilitator.getByRole('button', { name: 'Lock the board' }).click();
    await facilitator.getByText('The board is locked: participants cannot post or change notes.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const [page, who] of phones) {
      const banner = phaseRegion(page, 1, 4, 'Write');
      await banner.getByText('The facilitator has locked the board: notes cannot be added or changed for now.').waitFor({ timeout: LIVE_TIMEOUT_MS });
      await eventually(`${who} announces the lock`, async () => (await announced(page)) === 'The facilitator locked the board.');
      await eventually(`${who} offers no Post button anywhere`, async () => (await page.getByRole('button', { name: 'Post' }).count()) === 0);
    }
    await expectNoAxeViolations(bertil, 'participant board with the board locked');
    await facilitator.getByRole('button', { name: 'Unlock the board' }).click();
    await eventually('Bertil can post in his group again', async () =>
      (await section(bertil, GROUP_2).getByRole('button', { name: 'Post' }).count()) === 1,
    );
    await eventually('Bertil announces the unlock', async () => (await announced(bertil)) === 'The facilitator unlocked the board.');
    // Group 1 is still locked on its own.
    assert((await section(bertil, GROUP_1).getByRole('textbox').count()) === 0, 'the section lock should outlast the board lock');
  });

  const raced = 'Posted offline, before the lock';
  await step('a post that races the board lock is refused with the reason, and its text waits in the closed composer', async () => {
    await bertil.context().setOffline(true);
    await bertil.getByText('Offline', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await postNote(bertil, GROUP_2, raced);
    await section(bertil, GROUP_2).getByText('Sending…').waitFor();
    await facilitator.getByRole('button', { name: 'Lock the board' }).click();
    await facilitator.getByText('The board is locked: participants cannot post or change notes.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await bertil.context().setOffline(false);
    await bertil.getByText('Your note was not posted: the facilitator has locked this for now.', { exact: false }).waitFor({ timeout: RESUME_TIMEOUT_MS });
    const composer = section(bertil, GROUP_2).getByRole('textbox', { name: /New note/ });
    await eventually('the refused text is back in the composer', async () => (await composer.inputValue()) === raced);
    await section(bertil, GROUP_2).getByText('The facilitator has locked the board. New notes cannot be posted for now.', { exact: false }).waitFor();
    assert((await section(bertil, GROUP_2).getByRole('button', { name: 'Post' }).count()) === 0, 'the locked board should offer no Post button');
    await expectNoAxeViolations(bertil, 'participant board with a post refused by the lock');
    await facilitator.getByRole('button', { name: 'Unlock the board' }).click();
    await section(bertil, GROUP_2).getByRole('button', { name: 'Post' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await bertil.getByRole('button', { name: 'Close', exact: true }).tap();
    await composer.fill('');
    assert((await noteIn(facilitator, GROUP_2, raced).count()) === 0, 'the refused note must not be on the board');
  });

  await step('the facilitator is asked before the reveal, with how many notes will show (axe-clean, keyboard only)', async () => {
    await facilitator.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
    const next = facilitator.getByRole('button', { name: 'Reveal notes and move to “Discuss”' });
    await next.waitFor();
    const marked = await facilitator.getByRole('button', { name: /^2\. Discuss/ }).innerText();
    assert(/reveals notes/i.test(marked), `the Discuss button should say it reveals notes: ${JSON.stringify(marked)}`);
    await tabTo(facilitator, 'Reveal notes and move to', 'the reveal button');
    await facilitator.keyboard.press('Enter');
    const dialog = facilitator.getByRole('dialog');
    await dialog.getByText('Move to “Discuss” and reveal 2 private notes? Everyone will see them at once.').waitFor();
    await expectNoAxeViolations(facilitator, 'facilitator board with the reveal confirmation open');
    for (const [page, who] of phones) {
      assert((await page.getByText(who === 'Anna' ? BERTIL_NOTE : ANNA_NOTE).count()) === 0, `${who} sees a note before the reveal`);
    }
    // Cancel has focus first; the next Tab reaches "Reveal notes".
    await facilitator.keyboard.press('Tab');
    const focused = await facilitator.evaluate(() => document.activeElement?.textContent?.trim());
    assert(focused === 'Reveal notes', `Tab in the dialog should reach "Reveal notes", reached ${JSON.stringify(focused)}`);
    await facilitator.keyboard.press('Enter');
  });

  await step('on the reveal every screen shows every note, unmarked, and the phones say so', async () => {
    for (const [page, who] of screens) {
      await eventually(`${who} shows both notes`, async () =>
        (await noteIn(page, GROUP_1, ANNA_NOTE).count()) === 1 && (await noteIn(page, GROUP_2, BERTIL_NOTE).count()) === 1,
      );
      // The facilitator saw both notes all along: there the reveal is the marks going away.
      await eventually(`${who} no longer marks a note private`, async () =>
        (await page.getByText('until it is revealed', { exact: false }).count()) === 0,
      );
      assert((await page.getByText(/hidden note/).count()) === 0, `${who} still shows a hidden-note count`);
      await eventually(`${who} announces Discuss and the reveal`, async () =>
        (await announced(page)) === 'Phase now: Discuss. Go through the notes together. The notes are now shown to everyone.',
      );
    }
    const author = await noteIn(bertil, GROUP_1, ANNA_NOTE).innerText();
    assert(author.includes('Anna'), `the revealed note should show its writer: ${JSON.stringify(author)}`);
    // Both notes came in one seq: one `applied` carries them both, on the other phone's wire.
    const reveal = receivedFramesWith(bertilSockets, ANNA_NOTE);
    assert(reveal.length === 1, `Bertil should receive Anna's text exactly once, in the reveal, got ${reveal.length} frames`);
    const msg = JSON.parse(reveal[0]);
    assert(msg.type === 'applied' && reveal[0].includes(BERTIL_NOTE), `the reveal should be one applied with both notes: ${reveal[0]}`);
    await expectNoAxeViolations(anna, 'participant board after the reveal');
  });

  await step('the facilitator adds a phase in the phase editor (axe-clean); the phones count it', async () => {
    await facilitator.getByRole('button', { name: 'Edit phases' }).click();
    const editor = facilitator.getByRole('form', { name: 'Phases of the workshop' });
    await editor.waitFor();
    await editor.getByText('This is the current phase: move to another phase before removing it.').waitFor();
    await editor.getByRole('button', { name: 'Add a phase' }).click();
    const title = editor.getByLabel('Title of phase 5');
    assert(await title.evaluate((el) => el === document.activeElement), 'the new phase’s title should take focus');
    await editor.getByRole('button', { name: 'Save phases' }).click();
    await editor.getByText('Give phase 5 a title.').waitFor();
    await expectNoAxeViolations(facilitator, 'phase editor with a problem showing');
    await title.fill('Wrap-up');
    await editor.getByLabel('Instruction for phase 5').fill('One sentence each: what did you learn?');
    await editor.getByRole('button', { name: 'Save phases' }).click();
    await editor.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
    await facilitator.getByRole('button', { name: /^5\. Wrap-up/ }).waitFor();
    for (const [page, who] of phones) {
      await phaseRegion(page, 2, 5, 'Discuss').waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
        throw new Error(`${who} should count the new phase ("Phase 2 of 5")`);
      });
    }
  });

  await step('a phase that takes no notes closes every phone’s composer with the reason (axe-clean)', async () => {
    await facilitator.getByRole('button', { name: /^3\. Vote/ }).click();
    for (const [page, who] of phones) {
      const banner = phaseRegion(page, 3, 5, 'Vote');
      await banner.getByText('This phase takes no new notes.').waitFor({ timeout: LIVE_TIMEOUT_MS });
      await section(page, GROUP_2).getByText('This phase of the workshop takes no new notes.').waitFor();
      assert((await page.getByRole('button', { name: 'Post' }).count()) === 0, `${who} still offers Post in the Vote phase`);
    }
    // Bertil's own note may still be edited: a phase without posting closes posting only.
    await noteIn(bertil, GROUP_2, BERTIL_NOTE).getByRole('button', { name: 'Edit', exact: true }).waitFor();
    await expectNoAxeViolations(bertil, 'participant board in a phase without posting');
  });

  await step('the facilitator goes back a phase, then to "no phase": the phones follow, and posting opens again', async () => {
    await facilitator.getByRole('button', { name: /^2\. Discuss/ }).click();
    for (const [page] of phones) await phaseRegion(page, 2, 5, 'Discuss').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await section(bertil, GROUP_2).getByRole('button', { name: 'Post' }).waitFor();
    await facilitator.getByRole('button', { name: /^No phase/ }).click();
    await facilitator.getByRole('region', { name: 'No phase running' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const [page, who] of phones) {
      await eventually(`${who} shows no phase`, async () => (await page.getByRole('region', { name: /^Phase / }).count()) === 0);
      await eventually(`${who} announces that no phase runs`, async () => (await announced(page)) === 'No phase is running now.');
    }
  });
}

await runStory({ name: 'private writing', run: 'cargo test -p talkoot-tests --test browser_private_writing' }, tell);
