// What a screen reader hears, and in which language it reads, in real browsers against a running
// talkoot server (its address in TALKOOT_URL). A Finnish board (title, case material, sections,
// phases, notes in Finnish) is run by a facilitator whose UI is in English; phone A reads the UI in
// English, phone B in Swedish. Every page's live regions are recorded from its first paint
// (live-regions.mjs), so the story can say what was announced and by how many regions:
//
//   1. the UI follows the board (Finnish) until the facilitator picks English; the choice stays
//      after a reload and on another board, in another language;
//   2. with the UI in English (or Swedish) and the board in Finnish, every text of board content
//      is marked `lang="fi"` and the UI's words are not, on the board of the facilitator and of
//      each phone, on the projector and on the QR sheet;
//   3. others' activity is announced, gathered for a few seconds, from one live region: two new
//      notes are one sentence ("2 new notes in Ikäihmisten palvelut."), in each reader's language,
//      with the section's title marked Finnish; an edit, a new section, a deleted note; never to
//      the person who did it; a private note only as a count, its text nowhere on the others' pages;
//   4. one voice per event: a new phase, the reveal, the timer at one minute and at zero, and the
//      votes left are each said by exactly one live region; the reveal is not "new notes";
//   5. a phone turns the activity announcements off with the keyboard; it stays off after a
//      reload, and nothing more is said there while the facilitator still hears the room.
//
// Every new state is checked with axe (WCAG 2.1 A/AA).
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/voices-and-languages.e2e.mjs
//
// Run by tests/tests/browser_voices_and_languages.rs. Exits 0 only when every step passed.

import { expectLive, expectNoAxeViolations, expectNotInPage, noteIn, postNote, tapOrClick } from './board-page.mjs';
import { expectLanguageOfParts } from './content-language.mjs';
import { revealAndMoveTo } from './facilitator-controls.mjs';
import { openFolded } from './group-view.mjs';
import { fillJoinForm } from './join-page.mjs';
import { tabTo } from './keyboard.mjs';
import { activitySaid, expectNotSaid, expectOneVoice, liveLog, recordLiveRegions } from './live-regions.mjs';
import { facilitatorLink } from './new-board.mjs';
import { openQrSheet } from './qr-sheet-page.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

const TITLE = 'Kotihoito 2027';
const CASE = 'Tapaus: Aino, 84, asuu yksin ja tarvitsee apua kauppakäynteihin.';
const S1 = 'Ikäihmisten palvelut';
const S2 = 'Nuorten palvelut';
const S3 = 'Liikenne';
const PHASES = [
  { title: 'Kirjoitetaan', instruction: 'Kirjoita ajatuksesi lapuille.', posting_open: true, private_notes: false, voting_open: false, votes_shown: false },
  { title: 'Yksin', instruction: 'Kirjoita yksin, muut näkevät laput myöhemmin.', posting_open: true, private_notes: true, voting_open: false, votes_shown: false },
  { title: 'Äänestetään', instruction: 'Äänestä tärkeimpiä.', posting_open: true, private_notes: false, voting_open: true, votes_shown: false },
];
const NOTE_1 = 'Kauppakassipalvelu kotiin';
const NOTE_2 = 'Naapuriapu tutuksi';
const NOTE_1_EDITED = 'Kauppakassipalvelu kotiin kerran viikossa';
const SECRET = 'Salainen ajatus ruokailusta';
const ACTIVITY_TIMEOUT_MS = 15_000;
/** Longer than the activity window (6 s) and the time for an op to arrive. */
const QUIET_MS = 9_000;

/** A board made through the API, with phases of its own. */
async function createBoard({ title, description, language, sections, phases }) {
  const colours = ['blue', 'green', 'pink'];
  const response = await fetch(`${BASE}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, description, language, sections: sections.map((s, i) => ({ title: s, colour: colours[i % 3] })), phases }),
  });
  assert(response.status === 201, `creating the board answered ${response.status}`);
  const created = await response.json();
  const read = await fetch(`${BASE}/api/boards/${created.board_id}`, { headers: { authorization: `Bearer ${created.facilitator_key}` } });
  const snapshot = await read.json();
  const ordered = Object.values(snapshot.board.sections).sort((a, b) => (a.order < b.order ? -1 : 1));
  return { ...created, title, sections: ordered };
}

const uiLang = (page) => page.evaluate(() => document.documentElement.lang);
const pickLanguage = (page, language) => tapOrClick(page.locator(`.language-switcher button[lang="${language}"]`));
const activityToggle = (page) => page.locator('#announce-activity');

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({ title: TITLE, description: CASE, language: 'fi', sections: [S1, S2], phases: PHASES });
  const other = await createBoard({ title: 'Ungdomstjänster', description: '', language: 'sv', sections: ['Fritid'], phases: PHASES.slice(0, 1) });
  const [s1, s2] = board.sections;
  const boardContent = [TITLE, CASE, S1, S2];

  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  const phoneA = await openScreen(browser, PHONE, 'phone A', errors);
  const phoneB = await openScreen(browser, PHONE, 'phone B', errors);
  for (const page of [facilitator, phoneA, phoneB]) await recordLiveRegions(page);

  await step('the UI follows the Finnish board until the facilitator picks English; the choice stays after a reload and on a Swedish board', async () => {
    await facilitator.goto(facilitatorLink(board));
    await facilitator.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await uiLang(facilitator)) === 'fi', `with no choice made the UI is in the board's language, not ${await uiLang(facilitator)}`);
    await pickLanguage(facilitator, 'en');
    await expectLive(facilitator, 'the facilitator');
    assert((await uiLang(facilitator)) === 'en', 'the UI is in English once picked');
    await facilitator.reload();
    await expectLive(facilitator, 'the facilitator after a reload');
    assert((await uiLang(facilitator)) === 'en', 'the choice of English stays after a reload');
    await facilitator.goto(facilitatorLink(other));
    await facilitator.getByRole('heading', { level: 1, name: other.title }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectLive(facilitator, 'the facilitator on the Swedish board');
    assert((await uiLang(facilitator)) === 'en', 'the choice of English stays on a board in another language');
    assert((await facilitator.getByRole('heading', { level: 1 }).getAttribute('lang')) === 'sv', 'the Swedish board’s title is marked Swedish');
    await facilitator.goto(facilitatorLink(board));
    await expectLive(facilitator, 'the facilitator back on the Finnish board');
    await tapOrClick(facilitator.getByRole('button', { name: 'Start: Kirjoitetaan' }));
    await facilitator.getByText(PHASES[0].instruction).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('phone A picks English before it joins, phone B Swedish after; each sits in its table’s group', async () => {
    await fillJoinForm(phoneA, { code: board.join_code, group: s1.id });
    await pickLanguage(phoneA, 'en');
    await phoneA.getByRole('button', { name: 'Join', exact: true }).tap();
    await phoneA.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectLive(phoneA, 'phone A');
    assert((await uiLang(phoneA)) === 'en', 'phone A reads the UI in English, as it chose');
    await fillJoinForm(phoneB, { code: board.join_code, group: s2.id });
    await phoneB.getByRole('button', { name: 'Join', exact: true }).tap();
    await phoneB.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await pickLanguage(phoneB, 'sv');
    await phoneB.getByText('Ansluten', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await uiLang(phoneB)) === 'sv', 'phone B reads the UI in Swedish');
  });

  await step('board content is marked Finnish and the UI English on the facilitator’s board and phone A, Swedish on phone B (axe-clean)', async () => {
    const content = [...boardContent, PHASES[0].title, PHASES[0].instruction];
    await expectLanguageOfParts(facilitator, { content, chrome: ['Live', 'Post'], contentLang: 'fi', uiLang: 'en' }, 'facilitator’s board');
    // A phone starts with the case material folded.
    const onPhone = content.filter((c) => c !== CASE);
    await expectLanguageOfParts(phoneA, { content: onPhone, chrome: ['Live', 'Post'], contentLang: 'fi', uiLang: 'en' }, 'phone A’s board');
    await expectLanguageOfParts(phoneB, { content: onPhone, chrome: ['Ansluten'], contentLang: 'fi', uiLang: 'sv' }, 'phone B’s board');
    await expectNoAxeViolations(facilitator, 'facilitator board, English UI on a Finnish board');
    await expectNoAxeViolations(phoneA, 'phone A, English UI on a Finnish board');
  });

  await step('phone A posts two notes: the others hear one sentence each, in their languages, with the section marked Finnish; phone A hears nothing of its own', async () => {
    const since = Date.now();
    await postNote(phoneA, S1, NOTE_1);
    await postNote(phoneA, S1, NOTE_2);
    await expectOneVoice(facilitator, `2 new notes in ${S1}.`, 'the facilitator', { since, timeout: ACTIVITY_TIMEOUT_MS });
    await expectOneVoice(phoneB, `2 nya lappar i gruppen ${S1}.`, 'phone B', { since, timeout: ACTIVITY_TIMEOUT_MS });
    const title = facilitator.locator('#activity-announcer [lang]');
    assert((await title.getAttribute('lang')) === 'fi' && (await title.innerText()) === S1, 'the section’s title in the announcement is marked Finnish');
    assert((await facilitator.locator('#activity-announcer').getAttribute('role')) === 'status', 'the announcements are polite');
    await phoneA.waitForTimeout(QUIET_MS - 6_000);
    await expectNotSaid(phoneA, 'new note', 'phone A, about its own notes', since);
    await expectNoAxeViolations(facilitator, 'facilitator board after the announcement');
  });

  await step('an edit, a new section and a deleted note are each announced to the others only', async () => {
    let since = Date.now();
    const card = noteIn(phoneA, S1, NOTE_1);
    await card.getByRole('button', { name: 'Edit', exact: true }).tap();
    await card.getByRole('textbox', { name: 'Edit the note' }).fill(NOTE_1_EDITED);
    await card.getByRole('button', { name: 'Save', exact: true }).tap();
    await noteIn(facilitator, S1, NOTE_1_EDITED).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectOneVoice(facilitator, `1 note edited in ${S1}.`, 'the facilitator', { since, timeout: ACTIVITY_TIMEOUT_MS });

    since = Date.now();
    await facilitator.getByRole('button', { name: 'Add a section' }).click();
    await facilitator.getByLabel('Title of the new section').fill(S3);
    await facilitator.locator('.add-section form').getByRole('button', { name: 'Add a section' }).click();
    await expectOneVoice(phoneA, `The facilitator added the section ${S3}.`, 'phone A', { since, timeout: ACTIVITY_TIMEOUT_MS });
    await expectOneVoice(phoneB, `Facilitatorn lade till avsnittet ${S3}.`, 'phone B', { since, timeout: ACTIVITY_TIMEOUT_MS });

    since = Date.now();
    const doomed = noteIn(facilitator, S1, NOTE_2);
    await doomed.getByRole('button', { name: 'More', exact: true }).click();
    await doomed.getByRole('button', { name: 'Delete note' }).click();
    await facilitator.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await expectOneVoice(phoneA, `A note was removed from ${S1}.`, 'phone A', { since, timeout: ACTIVITY_TIMEOUT_MS });
    await expectNotSaid(facilitator, 'removed', 'the facilitator, about their own delete', since);
    await expectNotSaid(facilitator, 'added the section', 'the facilitator, about their own section');
  });

  await step('a private phase: its start is said by one region; phone A’s private note reaches phone B as a count, its text nowhere on B', async () => {
    let since = Date.now();
    await tapOrClick(facilitator.getByRole('button', { name: 'Next: Yksin' }));
    await expectOneVoice(phoneA, 'Phase now: Yksin.', 'phone A', { since });
    await expectOneVoice(phoneB, 'Fasen är nu: Yksin.', 'phone B', { since });
    since = Date.now();
    await postNote(phoneA, S1, SECRET);
    await expectOneVoice(phoneB, `1 ny lapp i gruppen ${S1}.`, 'phone B', { since, timeout: ACTIVITY_TIMEOUT_MS });
    await expectNotInPage(phoneB, [SECRET], 'phone B');
    const log = JSON.stringify(await liveLog(phoneB));
    assert(!log.includes(SECRET), 'no live region on phone B ever held the private note’s text');
  });

  await step('the timer, the reveal and the vote: a new phase, “notes shown”, one minute left and the votes left are each said by one region; the reveal is not news', async () => {
    let since = Date.now();
    await facilitator.getByLabel('Minutes', { exact: true }).fill('1.05');
    await facilitator.getByRole('button', { name: 'Start timer' }).click();
    await expectOneVoice(phoneA, 'One minute left.', 'phone A', { since });
    await expectOneVoice(facilitator, 'One minute left.', 'the facilitator', { since });
    since = Date.now();
    await revealAndMoveTo(facilitator, 'Äänestetään');
    await expectOneVoice(phoneA, 'Phase now: Äänestetään.', 'phone A', { since });
    await expectOneVoice(phoneA, 'The notes are now shown to everyone.', 'phone A', { since });
    await openFolded(phoneB, S1);
    await noteIn(phoneB, S1, SECRET).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await phoneB.waitForTimeout(QUIET_MS);
    await expectNotSaid(phoneB, 'ny lapp', 'phone B, about the revealed note', since);
    since = Date.now();
    await noteIn(phoneA, S1, NOTE_1_EDITED).getByRole('button', { name: /^Vote/ }).tap();
    await expectOneVoice(phoneA, '4 of 5 votes left', 'phone A', { since });
    await expectNoAxeViolations(phoneA, 'phone A voting');
  });

  await step('phone B turns the announcements off by keyboard; off after a reload, and nothing more is said there while the facilitator hears the room', async () => {
    await phoneB.evaluate(() => window.scrollTo(0, 0));
    await phoneB.getByRole('heading', { level: 1 }).focus();
    await tabTo(phoneB, (f) => f.id === 'announce-activity', 'the activity checkbox', { within: 150 });
    assert(await activityToggle(phoneB).isChecked(), 'announcements are on until turned off');
    const name = await activityToggle(phoneB).evaluate((el) => el.labels?.[0]?.textContent?.trim() ?? '');
    assert(name === 'Berätta vad andra gör på tavlan', `the checkbox is labelled: “${name}”`);
    await phoneB.keyboard.press('Space');
    assert(!(await activityToggle(phoneB).isChecked()), 'Space turns the announcements off');
    await phoneB.reload();
    await phoneB.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await activityToggle(phoneB).waitFor();
    assert(!(await activityToggle(phoneB).isChecked()), 'the choice stays after a reload');
    const since = Date.now();
    await postNote(phoneA, S1, 'Vielä yksi ajatus');
    await expectOneVoice(facilitator, `1 new note in ${S1}.`, 'the facilitator', { since, timeout: ACTIVITY_TIMEOUT_MS });
    await phoneB.waitForTimeout(2_000);
    const said = (await liveLog(phoneB)).filter((e) => e.at >= since && e.region.includes('activity-announcer'));
    assert(said.length === 0 && (await activitySaid(phoneB)) === '', `phone B, turned off, heard ${JSON.stringify(said)}`);
    await expectNoAxeViolations(phoneB, 'phone B with the announcements off');
  });

  await step('the projector and the QR sheet mark the board’s content Finnish under an English UI (axe-clean)', async () => {
    // The projector link as the create form's answer gives it (this board was made through the API).
    const link = `${BASE}/#/b/${board.board_id}/p/${board.projector_key}`;
    const projector = await facilitator.context().newPage();
    projector.on('pageerror', (e) => errors.push(`projector: uncaught ${e.message}`));
    await projector.goto(link);
    await projector.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await projector.getByText(NOTE_1_EDITED).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await uiLang(projector)) === 'en', 'the projector’s UI is in English, as chosen on this device');
    await expectLanguageOfParts(
      projector,
      { content: [TITLE, CASE, S1, S2, NOTE_1_EDITED, PHASES[2].title], chrome: [], contentLang: 'fi', uiLang: 'en' },
      'projector',
    );
    await projector.close();
    await openQrSheet(facilitator, TITLE, 3);
    await expectLanguageOfParts(
      facilitator,
      { content: [TITLE, S1, S2, S3], chrome: ['Print'], contentLang: 'fi', uiLang: 'en' },
      'QR sheet',
    );
    await expectNoAxeViolations(facilitator, 'QR sheet with an English UI');
  });

  await step('the timer at zero is said by one region', async () => {
    await expectOneVoice(phoneA, 'Time is up', 'phone A', { timeout: 80_000 });
  });
}

await runStory({ name: 'voices and languages', run: 'cargo test -p talkoot-tests --test browser_voices_and_languages' }, tell);
