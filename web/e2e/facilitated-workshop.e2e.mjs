// A facilitated workshop from start to end, in real browsers against a running talkoot server
// (its address in TALKOOT_URL): a facilitator on a laptop, the venue PC at the projector, three
// 375×667 phones and, for a while, a backup facilitator. Everything is done as its users do it:
//
//   1. the facilitator creates the workshop in the app (three tables, the default phases
//      Write → Discuss → Vote → Act), prints the table QR sheet and reads table 3's code back;
//   2. the venue PC opens the projector link: the join code large, a QR code of the join
//      address, no controls and no facilitator key;
//   3. phone 1 opens table 3's QR address and is in group 3 with one tap; phones 2 and 3 join by
//      code and pick table 2; the projector and the facilitator count 0, 2 and 1 per table;
//   4. the facilitator starts the private Write phase and each phone posts: each sees its own
//      note and only a count of the others', and no other phone and not the projector gets the
//      hidden text, neither in its page nor on its WebSocket;
//   5. the facilitator reveals: every note appears on every screen at once;
//   6. a backup facilitator's link works in another browser, and once the facilitator revokes
//      it, the backup's screen says so;
//   7. a phone that loses its network and reloads still shows the board, marked not live, and
//      goes live again when the network is back;
//   8–15. then the room votes, discusses and keeps time: web/e2e/workshop-prioritising.mjs.
//
// Every screen's every new state is checked with axe (WCAG 2.1 A/AA).
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/facilitated-workshop.e2e.mjs
//
// Run by tests/tests/browser_facilitated_workshop.rs. Exits 0 only when every step passed.

import {
  expectBoardLive,
  expectLive,
  expectNoAxeViolations,
  expectNotInPage,
  expectNotesIn,
  noteIn,
  phaseRegion,
  postNote,
  section,
  spacedCode,
} from './board-page.mjs';
import { keptView, storedSecrets } from './device.mjs';
import {
  doneWithNewLink,
  expectRevokedLinkPage,
  makeFacilitatorLink,
  readProjectorLink,
  revealAndMoveTo,
  revokeFacilitatorLink,
  startPhaseByKeyboard,
} from './facilitator-controls.mjs';
import { expectGroupFirst, expectOnlineCounts, groupPicker, openFolded, pickGroup, sectionOrder } from './group-view.mjs';
import { fillJoinForm, tapJoin } from './join-page.mjs';
import { createBoardInApp } from './new-board.mjs';
import { groupCounts, groupPanel, joinPanel } from './projector-page.mjs';
import { readQr } from './qr-image.mjs';
import { openQrSheet, readSheetQr } from './qr-sheet-page.mjs';
import { runStory } from './run-story.mjs';
import { prioritise } from './workshop-prioritising.mjs';
import { DESKTOP, PHONE, VENUE_PC, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';
import { expectNotOnTheWire, newestSeq, receivedFramesWith, recordWebSockets, sentFrames } from './websocket-frames.mjs';

const TITLE = 'Neighbourhood services 2026';
const CASE = 'Client case: the Virtanen family moves to a new neighbourhood with three children.';
const TABLES = ['Table 1: libraries', 'Table 2: youth centres', 'Table 3: health stations'];
const [T1, T2, T3] = TABLES;
const WRITE_INSTRUCTION = 'Write your own thoughts in your group';
const NOT_LIVE = 'Not live: this is the board as this device last received it';
const BACKUP = 'Backup facilitator';

/** The three phones: who they are, the table they sit at, and the note each writes in private. */
const PHONES = [
  { who: 'phone 1', table: T3, note: 'Phone1-private: a nurse at the school twice a week' },
  { who: 'phone 2', name: 'Bertil', table: T2, note: 'Phone2-private: the youth centre open on Sundays' },
  { who: 'phone 3', name: 'Cecilia', table: T2, note: 'Phone3-private: homework help at the youth centre' },
];
const NOTES = PHONES.map((p) => p.note);

/** The notes written at each table. */
const notesAt = (table) => PHONES.filter((p) => p.table === table).map((p) => p.note);

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  const facilitatorSockets = recordWebSockets(facilitator);
  let board = null;
  let table3Address = '';

  await step('the facilitator creates the workshop in the app: three tables, the phases Write → Discuss → Vote → Act (axe-clean)', async () => {
    board = await createBoardInApp(facilitator, { title: TITLE, caseMaterial: CASE, sections: TABLES });
    const bar = facilitator.getByRole('region', { name: 'No phase running' });
    const steps = await bar.getByRole('list', { name: 'Move to a phase' }).getByRole('button').allInnerTexts();
    const names = steps.map((s) => s.replace(/\s+/g, ' ').trim());
    assert(
      JSON.stringify(names) === JSON.stringify(['1. Write', '2. Discuss', '3. Vote', '4. Act', 'No phase NOW']),
      `the phases should be the default ones, are ${JSON.stringify(names)}`,
    );
    await expectOnlineCounts(facilitator, { [T1]: 0, [T2]: 0, [T3]: 0 });
    await expectNoAxeViolations(facilitator, 'facilitator board of a new workshop');
  });

  await step('the facilitator opens the table QR sheet: a page per table, and table 3’s code reads back as its join address (axe-clean)', async () => {
    await openQrSheet(facilitator, TITLE, TABLES.length);
    assert(new URL(facilitator.url()).hash === `#/b/${board.board_id}/qr`, `the sheet should be at #/b/<board>/qr, is ${facilitator.url()}`);
    await expectNoAxeViolations(facilitator, 'QR sheet');
    table3Address = await readSheetQr(facilitator, T3);
    const table3 = board.sections[2];
    const expected = `${BASE}/#/join/${board.join_code}/g/${table3.id}`;
    assert(table3Address === expected, `table 3's QR code holds ${JSON.stringify(table3Address)}, not ${expected}`);
    await facilitator.getByRole('link', { name: 'Back to the board' }).click();
    await expectBoardLive(facilitator, TITLE, 'the facilitator back on the board');
  });

  const pc = await openScreen(browser, VENUE_PC, 'venue PC', errors);
  const pcSockets = recordWebSockets(pc);
  let projectorKey = '';

  await step('the venue PC opens the projector link: the code large, a QR code of the join address, every table (axe-clean)', async () => {
    const link = await readProjectorLink(facilitator, board.board_id);
    projectorKey = decodeURIComponent(link.split('/p/')[1]);
    await pc.goto(link);
    await expectBoardLive(pc, TITLE, 'the venue PC');
    assert(new URL(pc.url()).hash === `#/b/${board.board_id}/projector`, `the PC should show the projector view, shows ${pc.url()}`);
    const code = joinPanel(pc).getByText(spacedCode(board.join_code), { exact: true });
    await code.waitFor({ timeout: LIVE_TIMEOUT_MS });
    const px = parseFloat(await code.evaluate((el) => getComputedStyle(el).fontSize));
    assert(px >= 0.06 * VENUE_PC.viewport.height, `the join code is ${px}px high: too small for the back row`);
    const address = await readQr(joinPanel(pc).getByRole('img'));
    assert(address === `${BASE}/#/join/${board.join_code}`, `the projector's QR code holds ${JSON.stringify(address)}`);
    for (const table of TABLES) await groupPanel(pc, table).waitFor();
    assert((await pc.getByRole('region', { name: /^Phase / }).count()) === 0, 'no phase should show before one starts');
    await expectNoAxeViolations(pc, 'projector view');
  });

  await step('the venue PC can change nothing: no controls, no facilitator key anywhere, only a hello with the projector key', async () => {
    const controls = await pc.locator('button, input, select, textarea, a[href], [contenteditable], [tabindex]:not([tabindex="-1"])').count();
    assert(controls === 0, `the projector view should have no controls or links, has ${controls}`);
    await expectNotInPage(pc, [board.facilitator_key], 'the venue PC');
    const secrets = await storedSecrets(pc, board.board_id);
    assert(secrets.facilitator === null && secrets.projector === projectorKey, `the PC should hold the projector key only: ${JSON.stringify(secrets)}`);
    const stored = await pc.evaluate(() => Object.values(localStorage).join(' '));
    assert(!stored.includes(board.facilitator_key), 'a facilitator key is in the PC’s localStorage');
    const sent = sentFrames(pcSockets);
    assert(sent.length > 0 && sent.every((m) => m.type === 'hello' && m.token === projectorKey), `the PC should only say hello, with the projector key: ${JSON.stringify(sent.map((m) => m.type))}`);
  });

  const phones = [];
  for (const phone of PHONES) {
    const page = await openScreen(browser, PHONE, phone.who, errors);
    phones.push({ ...phone, page, sockets: recordWebSockets(page) });
  }
  const [phone1, phone2, phone3] = phones;

  await step('phone 1 opens table 3’s QR address: the join form says it is table 3’s code (axe-clean)', async () => {
    await fillJoinForm(phone1.page, { address: table3Address });
    const code = await phone1.page.getByLabel('Join code').inputValue();
    assert(code.replace(/\D/g, '') === board.join_code, `the code field holds ${JSON.stringify(code)}`);
    await phone1.page.getByText('This is a table’s code: joining puts you in that table’s group.').waitFor();
    await expectNoAxeViolations(phone1.page, 'join form opened by a table QR code');
  });

  await step('one tap on Join puts phone 1 in group 3, asked nothing, with table 3 first and the others folded (axe-clean)', async () => {
    await tapJoin(phone1.page, TITLE, phone1.who);
    assert((await groupPicker(phone1.page).count()) === 0, 'phone 1 should not be asked for its group');
    await phone1.page.getByText(`Your group: ${T3}`).waitFor();
    await expectGroupFirst(phone1.page, phone1.who, T3, TABLES);
    await expectNoAxeViolations(phone1.page, 'phone in group 3');
  });

  await step('phones 2 and 3 join by typing the code, are asked which group they are in, and tap table 2 (axe-clean)', async () => {
    for (const { page, who, name } of [phone2, phone3]) {
      await fillJoinForm(page, { code: board.join_code, name, typed: true });
      await tapJoin(page, TITLE, who);
      await groupPicker(page).waitFor({ timeout: LIVE_TIMEOUT_MS });
      await expectNoAxeViolations(page, `${who} asked which group it is in`);
      await pickGroup(page, T2);
      await expectGroupFirst(page, who, T2, TABLES);
      await expectNoAxeViolations(page, `${who} in group 2`);
    }
  });

  await step('the projector and the facilitator count who sits at each table: 0, 2 and 1 (axe-clean)', async () => {
    const expected = { [T1]: 0, [T2]: 2, [T3]: 1 };
    await eventually(`the projector counts ${JSON.stringify(expected)} online`, async () => {
      for (const [table, online] of Object.entries(expected)) if ((await groupCounts(pc, table)).online !== online) return false;
      return true;
    });
    await expectOnlineCounts(facilitator, expected);
    await expectNoAxeViolations(pc, 'projector view with the tables’ counts');
    await expectNoAxeViolations(facilitator, 'facilitator board with the tables’ counts');
  });

  await step('the facilitator starts the Write phase by keyboard: every screen shows it, its instruction and that notes are private (axe-clean)', async () => {
    await startPhaseByKeyboard(facilitator, 'Write');
    await phaseRegion(facilitator, 1, 4, 'Write').waitFor({ timeout: LIVE_TIMEOUT_MS });
    const projected = phaseRegion(pc, 1, 4, 'Write');
    await projected.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await projected.getByText(WRITE_INSTRUCTION, { exact: false }).waitFor();
    await projected.getByText('Notes are private: only their writer and the facilitators see them until they are revealed.').waitFor();
    for (const { page, who } of phones) {
      const banner = phaseRegion(page, 1, 4, 'Write');
      await banner.waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
        throw new Error(`${who} should show the Write phase`);
      });
      await banner.getByText(WRITE_INSTRUCTION, { exact: false }).waitFor();
      await banner.getByText('Your notes are private: only you and the facilitators see them until they are revealed.').waitFor();
      await expectNoAxeViolations(page, `${who} in the private Write phase`);
    }
    await expectNoAxeViolations(pc, 'projector view in the private Write phase');
    await expectNoAxeViolations(facilitator, 'facilitator board in the private Write phase');
  });

  await step('each phone posts at its table: it sees its own note, marked private', async () => {
    for (const { page, table, note } of phones) await postNote(page, table, note);
    for (const { page, who, table, note } of phones) {
      const card = noteIn(page, table, note);
      await card.waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
        throw new Error(`${who} should show its own note`);
      });
      await card.getByText('Only you and the facilitators see this until it is revealed.').waitFor();
    }
  });

  await step('each phone sees only a count of the others’ notes, also in the tables it opens to read (axe-clean)', async () => {
    for (const { page, who, table, note } of phones) {
      for (const other of TABLES) {
        if (other !== table) await openFolded(page, other);
        const hidden = notesAt(other).filter((text) => text !== note).length;
        const count = section(page, other).getByText(hidden === 1 ? '1 hidden note' : `${hidden} hidden notes`, { exact: true });
        if (hidden > 0) await count.waitFor({ timeout: LIVE_TIMEOUT_MS });
        else assert((await section(page, other).getByText(/hidden note/).count()) === 0, `${who} counts hidden notes in "${other}"`);
        const cards = await section(page, other).getByRole('listitem').count();
        const own = other === table ? 1 : 0;
        assert(cards === own, `${who} shows ${cards} note card(s) in "${other}", should show ${own}`);
      }
      await expectNoAxeViolations(page, `${who} with its own private note and counts of the others’`);
    }
  });

  await step('the projector shows only how many notes each table has, none of their text; the facilitator sees them all (axe-clean)', async () => {
    await groupPanel(pc, T2).getByText('2 hidden notes', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await groupPanel(pc, T3).getByText('1 hidden note', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const [table, notes] of [
      [T1, 0],
      [T2, 2],
      [T3, 1],
    ]) {
      const counts = await groupCounts(pc, table);
      assert(counts.notes === notes, `the projector counts ${counts.notes} notes at "${table}", not ${notes}`);
      assert((await groupPanel(pc, table).getByRole('listitem').count()) === 0, `the projector shows a note card at "${table}"`);
    }
    await facilitator.getByText('3 private notes wait to be revealed.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const table of TABLES) await expectNotesIn(facilitator, 'the facilitator', table, notesAt(table));
    await expectNoAxeViolations(pc, 'projector view with hidden notes');
    await expectNoAxeViolations(facilitator, 'facilitator board with private notes');
  });

  await step('no hidden text reached the projector or another phone: not in its page, not on its WebSocket', async () => {
    // The recorders do see the sockets: each phone got its own note and word of the others'.
    for (const { who, sockets, note } of phones) {
      assert(receivedFramesWith(sockets, note).length > 0, `${who}'s recorder should have caught its own note`);
      assert(receivedFramesWith(sockets, '"type":"hidden_note"').length > 0, `${who} should have been told of hidden notes`);
    }
    assert(receivedFramesWith(facilitatorSockets, NOTES[0]).length > 0, 'the facilitator should receive the private notes');
    await expectNotInPage(pc, NOTES, 'the venue PC');
    expectNotOnTheWire(pcSockets, [...NOTES, ...NOTES.map((n) => n.split(':')[0])], 'the venue PC');
    for (const { page, who, sockets, note } of phones) {
      const others = NOTES.filter((n) => n !== note);
      await expectNotInPage(page, others, who);
      expectNotOnTheWire(sockets, [...others, ...others.map((n) => n.split(':')[0])], who);
    }
  });

  await step('the facilitator reveals: every note appears on every screen, in one update (axe-clean)', async () => {
    await revealAndMoveTo(facilitator, 'Discuss');
    for (const table of TABLES) await expectNotesIn(pc, 'the venue PC', table, notesAt(table));
    await phaseRegion(pc, 2, 4, 'Discuss').waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await pc.getByText(/hidden note/).count()) === 0, 'the projector still counts hidden notes');
    for (const { page, who, table: mine } of phones) {
      await phaseRegion(page, 2, 4, 'Discuss').waitFor({ timeout: LIVE_TIMEOUT_MS });
      for (const table of TABLES) {
        if (table !== mine) await openFolded(page, table);
        await expectNotesIn(page, who, table, notesAt(table));
      }
      assert((await page.getByText(/hidden note/).count()) === 0, `${who} still counts hidden notes`);
      await expectNoAxeViolations(page, `${who} after the reveal`);
    }
    await eventually('the facilitator no longer marks notes private', async () => (await facilitator.getByText('until it is revealed', { exact: false }).count()) === 0);
    // At once: the notes a screen had not seen came in one frame.
    for (const [who, sockets, unseen] of [
      ['the venue PC', pcSockets, NOTES],
      ...phones.map((p) => [p.who, p.sockets, NOTES.filter((n) => n !== p.note)]),
    ]) {
      const carrying = [...new Set(unseen.flatMap((n) => receivedFramesWith(sockets, n)))];
      assert(carrying.length === 1 && unseen.every((n) => carrying[0].includes(n)), `${who} should get the revealed notes in one frame, got ${carrying.length}`);
    }
    await expectNoAxeViolations(pc, 'projector view after the reveal');
    await expectNoAxeViolations(facilitator, 'facilitator board after the reveal');
  });

  const backup = await openScreen(browser, DESKTOP, 'backup facilitator', errors);

  await step('the facilitator makes a link for a backup facilitator, who opens the board with it in another browser (axe-clean)', async () => {
    const link = await makeFacilitatorLink(facilitator, board.board_id, BACKUP);
    await expectNoAxeViolations(facilitator, 'Facilitators panel with the new link');
    await doneWithNewLink(facilitator);
    await backup.goto(link);
    await expectBoardLive(backup, TITLE, 'the backup');
    assert(!backup.url().includes('/f/'), 'the key must leave the address bar');
    await backup.getByRole('button', { name: 'Edit workshop details' }).waitFor();
    for (const table of TABLES) await expectNotesIn(backup, 'the backup', table, notesAt(table));
    await expectOnlineCounts(backup, { [T1]: 0, [T2]: 2, [T3]: 1 }, 'the backup');
    await expectNoAxeViolations(backup, 'backup facilitator’s board');
  });

  await step('the backup runs the workshop on: it moves to the Vote phase, and the projector and the phones follow', async () => {
    await backup.getByRole('button', { name: /^3\. Vote/ }).click();
    await phaseRegion(pc, 3, 4, 'Vote').waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const { page, who } of phones) {
      await phaseRegion(page, 3, 4, 'Vote').waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
        throw new Error(`${who} should show the Vote phase`);
      });
    }
    await phaseRegion(facilitator, 3, 4, 'Vote').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(pc, 'projector view in the Vote phase');
    await expectNoAxeViolations(phone1.page, 'phone in the Vote phase');
  });

  await step('the facilitator revokes the backup’s link: the backup’s open board says so at once (axe-clean)', async () => {
    await revokeFacilitatorLink(facilitator, BACKUP);
    await expectNoAxeViolations(facilitator, 'Facilitators panel after revoking');
    await expectRevokedLinkPage(backup);
    assert((await storedSecrets(backup, board.board_id)).facilitator === null, 'the revoked key should be forgotten');
    await expectNoAxeViolations(backup, 'revoked-link page');
  });

  await step('phone 2 keeps the board on the device, then loses its network and reloads: the board still shows, marked not live (axe-clean)', async () => {
    const { page, who, sockets } = phone2;
    // The app is cached for offline reloads once its service worker is active.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await eventually('phone 2 keeps the board up to the newest seq', async () => (await keptView(page, board.board_id))?.seq === newestSeq(sockets));
    await page.context().setOffline(true);
    await page.getByText('You are offline.', { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const socketsBefore = sockets.length;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await page.getByText(NOT_LIVE, { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await page.getByText('Offline', { exact: true }).waitFor();
    await phaseRegion(page, 3, 4, 'Vote').waitFor();
    await eventually(`${who} still shows its table first`, async () => (await sectionOrder(page))[0] === T2);
    for (const table of TABLES) {
      if (table !== T2) await openFolded(page, table);
      await expectNotesIn(page, who, table, notesAt(table));
    }
    assert(sockets.length === socketsBefore, 'with no network the page should not even try a WebSocket');
    await expectNoAxeViolations(page, 'phone showing the kept board offline');
  });

  await step('back online, phone 2 goes live again and the board is no longer marked not live (axe-clean)', async () => {
    const { page, who } = phone2;
    await page.context().setOffline(false);
    await expectLive(page, `${who} back online`);
    await eventually('the not-live mark goes', async () => (await page.getByText(NOT_LIVE, { exact: false }).count()) === 0);
    for (const table of TABLES) await expectNotesIn(page, who, table, notesAt(table));
    await expectOnlineCounts(facilitator, { [T1]: 0, [T2]: 2, [T3]: 1 });
    await expectNoAxeViolations(page, 'phone live again');
  });

  await prioritise(story, { errors, facilitator, facilitatorSockets, pc, pcSockets, phones, tables: TABLES });
}

await runStory({ name: 'facilitated workshop', run: 'cargo test -p talkoot-tests --test browser_facilitated_workshop' }, tell);
