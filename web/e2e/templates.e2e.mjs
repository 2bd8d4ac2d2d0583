// Creating a workshop from a built-in template, in a real browser against a running talkoot
// server (its address in TALKOOT_URL). A facilitator with an English UI:
//
//   1. opens the create form: it starts from the blank template, with the default phases;
//   2. sets the board language to Finnish: the untouched draft follows, in Finnish;
//   3. picks "Palveluverkko tutuksi": its fictional case, a group per service-network role and
//      its five phases fill the form, each text marked as Finnish;
//   4. changes things (a phase's title and switch, one group removed), then picks another
//      template by keyboard: a dialog asks before replacing, and Cancel keeps every change;
//   5. switches the board language with changes made: nothing typed is replaced;
//   6. creates the workshop: the board has exactly the edited sections and phases, and its UI
//      turns Finnish with it;
//   7. the form reflows at 320 px, with no horizontal scroll.
//
// Every new state is checked with axe (WCAG 2.1 A/AA).
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/templates.e2e.mjs
//
// Run by tests/tests/browser_templates.rs. Exits 0 only when every step passed.

import { expectNoAxeViolations } from './board-page.mjs';
import { storedSecrets } from './device.mjs';
import { focused } from './keyboard.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { assert, eventually } from './story.mjs';

const ROLES = ['Sosiaalityö', 'Terveydenhuolto', 'Järjestöt ja seurakunnat', 'Kokemusasiantuntijat'];
const NETWORK_PHASES = ['Tutustu tapaukseen', 'Kirjoita omasta roolistasi', 'Keskustele', 'Äänestä', 'Vie eteenpäin'];

const phaseTitles = (page) =>
  page.locator('input[id^="phase-"][id$="-title"]').evaluateAll((inputs) => inputs.map((i) => i.value));
const sectionTitles = (page) =>
  page.locator('input[id^="section-title-"]').evaluateAll((inputs) => inputs.map((i) => i.value));

async function expectDraft(page, what, { title, phases, sections }) {
  await eventually(`${what}: the phases are ${JSON.stringify(phases)}`, async () => JSON.stringify(await phaseTitles(page)) === JSON.stringify(phases));
  const gotSections = await sectionTitles(page);
  assert(JSON.stringify(gotSections) === JSON.stringify(sections), `${what}: the sections are ${JSON.stringify(gotSections)}`);
  const gotTitle = await page.getByLabel('Workshop title').inputValue();
  assert(gotTitle === title, `${what}: the title is ${JSON.stringify(gotTitle)}`);
}

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);

  await step('the create form starts from the blank template with the default phases (axe-clean)', async () => {
    await facilitator.goto(`${BASE}/#/new`);
    const blank = facilitator.getByRole('radio', { name: 'Blank board' });
    await blank.waitFor();
    assert(await blank.isChecked(), 'the blank template is picked');
    await expectDraft(facilitator, 'blank', { title: '', phases: ['Write', 'Discuss', 'Vote', 'Act'], sections: [] });
    await expectNoAxeViolations(facilitator, 'create form, blank template');
  });

  await step('a Finnish board: the untouched draft follows the language, and the templates are named in Finnish', async () => {
    await facilitator.getByLabel('Language of the board').selectOption('fi');
    await expectDraft(facilitator, 'blank in Finnish', { title: '', phases: ['Kirjoita', 'Keskustele', 'Äänestä', 'Sovi jatkosta'], sections: [] });
    assert(await facilitator.getByRole('radio', { name: 'Tyhjä taulu' }).isChecked(), 'the blank template, named in Finnish');
  });

  await step('picking "Palveluverkko tutuksi" fills in its case, its roles and its phases, marked as Finnish (axe-clean)', async () => {
    await facilitator.getByRole('radio', { name: 'Palveluverkko tutuksi' }).check();
    await expectDraft(facilitator, 'Palveluverkko tutuksi', { title: 'Palveluverkko tutuksi', phases: NETWORK_PHASES, sections: ROLES });
    const caseText = await facilitator.getByLabel(/^Case material/).inputValue();
    assert(caseText.startsWith('Asiakastapaus (kuvitteellinen)'), `the case is the fictional one: ${caseText.slice(0, 60)}`);
    const langs = await facilitator
      .locator('#board-title, #board-description, input[id^="section-title-"], input[id^="phase-"][id$="-title"], textarea[id$="-instruction"]')
      .evaluateAll((fields) => fields.map((f) => f.lang));
    assert(langs.length === 1 + 1 + ROLES.length + 2 * NETWORK_PHASES.length, `every board-content field is there (${langs.length})`);
    assert(langs.every((l) => l === 'fi'), `board content is marked lang="fi": ${JSON.stringify(langs)}`);
    const writing = facilitator.getByRole('group', { name: 'Phase 2' });
    assert(await writing.getByRole('checkbox', { name: /private/i }).isChecked(), 'writing from one’s role is private');
    await expectNoAxeViolations(facilitator, 'create form, Palveluverkko tutuksi');
  });

  await step('after changes, picking another template by keyboard asks first, and Cancel keeps every change (axe-clean)', async () => {
    await facilitator.getByLabel('Title of phase 2').fill('Kirjoita yksin');
    await facilitator.getByRole('group', { name: 'Phase 4' }).getByRole('checkbox', { name: /shown/i }).check();
    await facilitator.getByRole('button', { name: 'Remove section 3' }).click();
    const network = facilitator.getByRole('radio', { name: 'Palveluverkko tutuksi' });
    await network.focus();
    await facilitator.keyboard.press('ArrowDown');
    const dialog = facilitator.getByRole('dialog');
    await dialog.waitFor();
    const question = await dialog.innerText();
    assert(question.includes('Tulevaisuustyöpaja'), `the dialog names the template it would use: ${question}`);
    await expectNoAxeViolations(facilitator, 'replace-the-draft dialog');
    await facilitator.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await eventually('the radio is back on Palveluverkko tutuksi', () => network.isChecked());
    const edited = [...NETWORK_PHASES];
    edited[1] = 'Kirjoita yksin';
    const roles = ROLES.filter((_, i) => i !== 2);
    await expectDraft(facilitator, 'after Cancel', { title: 'Palveluverkko tutuksi', phases: edited, sections: roles });
    assert((await focused(facilitator)).tag !== 'BODY', 'focus is not dropped to <body>');
  });

  await step('switching the board language after changes keeps what was written', async () => {
    await facilitator.getByLabel('Language of the board').selectOption('en');
    await facilitator.getByLabel('Language of the board').selectOption('fi');
    const edited = [...NETWORK_PHASES];
    edited[1] = 'Kirjoita yksin';
    await expectDraft(facilitator, 'after the language switch', { title: 'Palveluverkko tutuksi', phases: edited, sections: ROLES.filter((_, i) => i !== 2) });
  });

  await step('the form reflows at 320 px: no horizontal scroll', async () => {
    await facilitator.setViewportSize({ width: 320, height: 640 });
    const widths = await facilitator.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert(widths.scroll <= widths.client, `the page is ${widths.scroll} px wide in a ${widths.client} px window`);
    await expectNoAxeViolations(facilitator, 'create form at 320 px');
    await facilitator.setViewportSize(DESKTOP.viewport);
  });

  await step('creating it makes a board with exactly the edited groups and phases (axe-clean)', async () => {
    await facilitator.getByRole('button', { name: 'Create the workshop' }).click();
    // The UI follows the board's language (the facilitator never picked one), so it is Finnish now.
    await facilitator.getByRole('heading', { level: 1, name: 'Palveluverkko tutuksi' }).waitFor();
    await facilitator.getByText('Yhteys toimii', { exact: true }).waitFor();
    const board = new URL(facilitator.url()).hash.match(/^#\/b\/([A-Za-z0-9_-]+)$/)?.[1] ?? '';
    const { facilitator: key } = await storedSecrets(facilitator, board);
    const response = await fetch(`${BASE}/api/boards/${board}`, { headers: { authorization: `Bearer ${key}` } });
    const { board: snapshot } = await response.json();
    const sections = Object.values(snapshot.sections).sort((a, b) => (a.order < b.order ? -1 : 1)).map((s) => s.title);
    assert(JSON.stringify(sections) === JSON.stringify(ROLES.filter((_, i) => i !== 2)), `the board's sections: ${JSON.stringify(sections)}`);
    const phases = snapshot.phases.map((p) => [p.title, p.private_notes, p.voting_open, p.votes_shown]);
    assert(
      JSON.stringify(phases) ===
        JSON.stringify([
          ['Tutustu tapaukseen', false, false, false],
          ['Kirjoita yksin', true, false, false],
          ['Keskustele', false, false, false],
          ['Äänestä', false, true, true],
          ['Vie eteenpäin', false, false, true],
        ]),
      `the board's phases: ${JSON.stringify(phases)}`,
    );
    assert(snapshot.meta.language === 'fi' && snapshot.meta.description.includes('Aino'), 'the board is Finnish, with the case');
    await expectNoAxeViolations(facilitator, 'facilitator board made from a template');
  });
}

await runStory({ name: 'templates', run: 'cargo test -p talkoot-tests --test browser_templates' }, tell);
