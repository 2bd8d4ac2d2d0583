// The whole seed workshop "Palveluverkko tutuksi" from its template, in real browsers against a
// running talkoot server (its address in TALKOOT_URL). The board is Finnish; every screen keeps
// its English UI (picked with the language switcher), so the board's content is Finnish inside
// an English page, as for a hybrid attendee. A facilitator on a laptop, a venue PC showing the
// projector link and three phones, one per service-network role:
//
//   1. the facilitator creates the workshop from the template: its fictional case, a group per
//      role and its five phases, unchanged;
//   2. the projector opens; three phones join with their names and sit at their roles' groups;
//   3. private writing ("Kirjoita omasta roolistasi"): each phone sees its own note only, the
//      projector and the other phones only counts;
//   4. the reveal ("Keskustele"): every note on every screen;
//   5. votes ("Äänestä"): two phones vote for the social worker's note, one for the nurse's;
//      then "Vie eteenpäin" shows the totals;
//   6. the facilitator makes a task from the top note, owned by "Sosterin kotihoito";
//   7. feedback: the facilitator opens it and the three phones answer;
//   8. the kooste: the Markdown holds the case, the phases, the notes ranked, the task and the
//      feedback; the printable page is axe-clean, on screen and in print;
//   9. part 2: the top notes pinned, the groups, the open task, the link back.
//
// axe (WCAG 2.1 A/AA) checks every new view.
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/service-network-workshop.e2e.mjs
//
// Run by tests/tests/browser_service_network_workshop.rs. Exits 0 only when every step passed.

import { expectBoardLive, expectNoAxeViolations, noteIn, postNote, section } from './board-page.mjs';
import { readProjectorLink, revealAndMoveTo } from './facilitator-controls.mjs';
import { groupPicker, openFolded, pickGroup } from './group-view.mjs';
import { fillJoinForm, tapJoin } from './join-page.mjs';
import { downloadKooste } from './kooste-download.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, VENUE_PC, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

const TITLE = 'Palveluverkko tutuksi';
const [SOCIAL, HEALTH, NGOS, EXPERTS] = ['Sosiaalityö', 'Terveydenhuolto', 'Järjestöt ja seurakunnat', 'Kokemusasiantuntijat'];
const PHASES = ['Tutustu tapaukseen', 'Kirjoita omasta roolistasi', 'Keskustele', 'Äänestä', 'Vie eteenpäin'];
const TOP = 'Kotiutuksesta tieto sosiaalityöhön samana päivänä';
const SECOND = 'Lääkemuistutus kotihoidon käynteihin';
const THIRD = 'Vertaistukiryhmä kotiutuneille';
const OWNER = 'Sosterin kotihoito';

/** Picks the English UI on a page that shows the language switcher; remembered on that device. */
async function keepEnglish(page) {
  await page.getByRole('group', { name: /Language|Kieli|Språk/ }).getByRole('button', { name: 'English', exact: true }).click();
}

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  const pc = await openScreen(browser, VENUE_PC, 'the venue PC', errors);
  const phones = [
    { who: 'the social worker', name: 'Sanna', group: SOCIAL, note: TOP },
    { who: 'the nurse', name: 'Hoitaja Heikki', group: HEALTH, note: SECOND },
    { who: 'the expert by experience', name: 'Kaisa', group: EXPERTS, note: THIRD },
  ];
  for (const phone of phones) phone.page = await openScreen(browser, PHONE, phone.who, errors);
  let board = '';
  let joinCode = '';

  await step('the facilitator creates "Palveluverkko tutuksi" from its template, unchanged (axe-clean)', async () => {
    await facilitator.goto(`${BASE}/#/new`);
    await keepEnglish(facilitator);
    await facilitator.getByLabel('Language of the board').selectOption('fi');
    await facilitator.getByRole('radio', { name: TITLE }).check();
    await eventually('the template fills the form', async () => (await facilitator.getByLabel('Workshop title').inputValue()) === TITLE);
    await expectNoAxeViolations(facilitator, 'create form with the template');
    await facilitator.getByRole('button', { name: 'Create the workshop' }).click();
    await expectBoardLive(facilitator, TITLE, 'the facilitator');
    board = new URL(facilitator.url()).hash.match(/^#\/b\/([A-Za-z0-9_-]+)$/)?.[1] ?? '';
    assert(board, `the board's address: ${facilitator.url()}`);
    for (const group of [SOCIAL, HEALTH, NGOS, EXPERTS]) await section(facilitator, group).waitFor();
    await facilitator.getByText('Asiakastapaus (kuvitteellinen)', { exact: false }).first().waitFor();
    const steps = await facilitator.getByRole('list', { name: 'Move to a phase' }).getByRole('button').allInnerTexts();
    const names = steps.map((s) => s.replace(/\s+/g, ' ').trim()).slice(0, PHASES.length);
    assert(JSON.stringify(names) === JSON.stringify(PHASES.map((p, i) => `${i + 1}. ${p}`)), `the phases: ${JSON.stringify(names)}`);
    const code = facilitator.getByText(/^\d{4} \d{4}$/);
    joinCode = (await code.first().innerText()).replace(/\s/g, '');
    await expectNoAxeViolations(facilitator, 'facilitator board of the seed workshop');
  });

  await step('the projector opens and three phones join, each at its role’s group', async () => {
    await pc.goto(await readProjectorLink(facilitator, board));
    await pc.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const { page, who, name, group } of phones) {
      await fillJoinForm(page, { code: joinCode, name });
      await keepEnglish(page);
      await tapJoin(page, TITLE, who);
      await groupPicker(page).waitFor({ timeout: LIVE_TIMEOUT_MS });
      await pickGroup(page, group);
      await page.getByText(`Your group: ${group}`).waitFor();
    }
    await expectNoAxeViolations(phones[0].page, 'phone at its group');
    await expectNoAxeViolations(pc, 'projector of the seed workshop');
  });

  await step('private writing: each phone sees its own note, the others and the projector only counts', async () => {
    // Straight to phase 2: the case was read before the phones joined.
    await facilitator.getByRole('list', { name: 'Move to a phase' }).getByRole('button', { name: new RegExp(`^2\\. ${PHASES[1]}`) }).click();
    for (const { page, group, note } of phones) {
      await page.getByText(PHASES[1], { exact: false }).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
      await postNote(page, group, note);
    }
    for (const { page, who, note } of phones) {
      await page.getByText(note, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
      for (const other of phones.filter((p) => p.note !== note)) {
        assert((await page.getByText(other.note, { exact: true }).count()) === 0, `${who} sees "${other.note}" before the reveal`);
      }
    }
    await facilitator.getByText('3 private notes wait to be revealed.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const { note } of phones) assert((await pc.getByText(note, { exact: true }).count()) === 0, `the projector shows "${note}" before the reveal`);
    await expectNoAxeViolations(phones[1].page, 'phone in private writing');
  });

  await step('the reveal: every note on every screen (axe-clean)', async () => {
    await revealAndMoveTo(facilitator, PHASES[2]);
    for (const page of [pc, ...phones.map((p) => p.page)]) {
      for (const { group, note } of phones) {
        if (page !== pc && (await section(page, group).getByText(note, { exact: true }).count()) === 0) {
          await openFolded(page, group).catch(() => {});
        }
        await page.getByText(note, { exact: true }).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
      }
    }
    await expectNoAxeViolations(pc, 'projector after the reveal');
  });

  await step('votes: two for the social worker’s note, one for the nurse’s; "Vie eteenpäin" shows the totals', async () => {
    await facilitator.getByRole('button', { name: `Next: ${PHASES[3]}` }).click();
    const vote = (page, text) => page.getByRole('button', { name: new RegExp(`^Vote: ${text.slice(0, 30)}`) });
    for (const [i, text] of [
      [0, TOP],
      [1, TOP],
      [2, SECOND],
    ]) {
      const button = vote(phones[i].page, text);
      await button.waitFor({ timeout: LIVE_TIMEOUT_MS });
      await button.tap();
      await phones[i].page.getByText(/^4 of 5 votes left/).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    }
    await facilitator.getByRole('button', { name: `Next: ${PHASES[4]}` }).click();
    await eventually('the facilitator sees 2 votes on the top note', async () =>
      /\b2 votes\b/.test((await noteIn(facilitator, SOCIAL, TOP).innerText()).replace(/\s+/g, ' ')),
    );
  });

  await step('the facilitator makes a task from the top note, owned by Sosterin kotihoito', async () => {
    const card = noteIn(facilitator, SOCIAL, TOP);
    await card.getByRole('button', { name: 'Make a task' }).click();
    await card.getByLabel('Owner', { exact: false }).first().fill(OWNER);
    await card.getByLabel(/^Due date/).fill('2027-03-31');
    await card.getByRole('button', { name: 'Add task' }).click();
    await card.getByText('Task added to the follow-up tasks.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    const tasks = phones[2].page.getByRole('region', { name: 'Follow-up tasks', exact: true });
    await tasks.getByText(OWNER, { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('feedback: the facilitator opens it and the three phones answer (axe-clean)', async () => {
    await facilitator.getByRole('button', { name: 'Feedback', exact: true }).click();
    await facilitator.locator('#feedback-panel').getByLabel('Feedback open').check();
    const form = (page) => page.getByRole('region', { name: 'Feedback on the workshop' });
    for (const [i, rating] of ['5 – excellent', '4 – very good', '4 – very good'].entries()) {
      const page = phones[i].page;
      await form(page).waitFor({ timeout: LIVE_TIMEOUT_MS });
      if (i === 0) await expectNoAxeViolations(page, 'phone with the feedback form');
      await form(page).getByRole('radio', { name: rating }).check();
      await form(page).getByLabel('Comments').fill(`Palaute ${i + 1}: hyvä tapaus`);
      await form(page).getByRole('button', { name: 'Send feedback' }).tap();
      await form(page).getByText('Thank you for your feedback!', { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    }
  });

  await step('the kooste: the Markdown has the case, the phases, the ranked notes, the task and the feedback', async () => {
    const { text } = await downloadKooste(facilitator, 'Markdown');
    const headings = text.split('\n').filter((l) => l.startsWith('#'));
    assert(
      JSON.stringify(headings) ===
        JSON.stringify([
          `# ${TITLE}`,
          '## Tausta',
          '## Mitä tehtiin',
          '## Tulokset',
          '### Ryhmät ja muistilaput äänten mukaan',
          `#### ${SOCIAL}`,
          `#### ${HEALTH}`,
          `#### ${NGOS}`,
          `#### ${EXPERTS}`,
          '### Palaute',
          '## Jatko',
        ]),
      `the kooste's headings: ${JSON.stringify(headings)}`,
    );
    assert(text.includes('## Tausta\n\nAsiakastapaus (kuvitteellinen)'), 'the case is the background');
    for (const [i, phase] of PHASES.entries()) assert(text.includes(`${i + 1}. **${phase}**`), `the phase "${phase}" is in what was done`);
    assert(text.includes(`1. ${TOP} (2 ääntä)`), `the top note with its votes:\n${text}`);
    assert(text.includes(`1. ${SECOND} (1 ääni)`), 'the nurse’s note with its vote');
    assert(text.includes(`| ${TOP} (Muistilapusta: ${TOP}) | ${OWNER} | 31.3.2027 | avoin |`), `the task:\n${text}`);
    assert(text.includes('Vastauksia: 3. Keskiarvo: 4,3 / 5.'), `the feedback totals:\n${text}`);
    assert(!text.includes('Sanna') && !text.includes('Heikki'), 'no names');
  });

  await step('the printable kooste is axe-clean, on screen and in print', async () => {
    const { text } = await downloadKooste(facilitator, 'Printable page');
    assert(text.includes('<html lang="fi">'), 'in the board’s language');
    const printed = await openScreen(browser, DESKTOP, 'printed kooste', errors);
    await printed.setContent(text);
    await printed.getByRole('heading', { level: 2, name: 'Jatko' }).waitFor();
    await expectNoAxeViolations(printed, 'printable kooste');
    await printed.emulateMedia({ media: 'print' });
    await expectNoAxeViolations(printed, 'printable kooste in print');
  });

  await step('part 2: the top notes pinned, the groups, the open task and the link back (axe-clean)', async () => {
    await facilitator.getByRole('button', { name: 'Start part 2', exact: true }).click();
    const panel = facilitator.locator('#next-part-panel');
    assert((await panel.getByLabel('Title of part 2').inputValue()) === `${TITLE} – osa 2`, 'the title in the board’s language');
    await panel.getByLabel('Most-voted notes to carry over').fill('2');
    await panel.getByRole('button', { name: 'Start part 2', exact: true }).click();
    await facilitator.getByRole('heading', { level: 1, name: `${TITLE} – osa 2` }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const pinned = 'Osasta 1: eniten ääniä saaneet';
    for (const text of [TOP, SECOND]) await noteIn(facilitator, pinned, text).waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await section(facilitator, pinned).getByText(THIRD, { exact: true }).count()) === 0, 'only the top 2 are carried');
    for (const group of [SOCIAL, HEALTH, NGOS, EXPERTS]) await section(facilitator, group).waitFor();
    const task = (await facilitator.getByRole('region', { name: 'Follow-up tasks', exact: true }).innerText()).replace(/\s+/g, ' ');
    assert(task.includes(OWNER) && task.includes(`From note: ${TOP}`), `the open task came along, linked: ${task}`);
    await facilitator.getByRole('region', { name: 'This is part 2' }).getByRole('link', { name: TITLE, exact: true }).waitFor();
    await expectNoAxeViolations(facilitator, 'part 2 of the seed workshop');
  });
}

await runStory({ name: 'service network workshop', run: 'cargo test -p talkoot-tests --test browser_service_network_workshop' }, tell);
