// Colour and notes, in real browsers against a running talkoot server (its address in
// TALKOOT_URL). A facilitator on a laptop runs a board with two groups; Aino and Bertil join
// from phones:
//
//   1. on one note, the facilitator goes through all six colours: each time the note says its
//      colour in words, its text is at 4.5:1 or better, and the border of every control on it
//      (the edit box, the move list, the buttons, the colour swatches) and the focus ring reached
//      by Tab are at 3:1 or better against the note (WCAG 1.4.11);
//   2. the six note colours, read from the page, stay apart (CIEDE2000 ≥ 10) in normal vision and
//      in simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009, severity 1);
//   3. in Chromium's accessibility tree, a private note of Aino's has no text at all on Bertil's
//      screen (it has on Aino's), and once revealed and voted on, each note is named by its
//      group, writer, colour and votes, with its text as its description; the colour's name is
//      in the UI language (fi, sv, en);
//   4. the projector shows every colour's name, and every text on it is at 7:1 or better, also
//      in high contrast (asked for by the system: prefers-contrast: more);
//   5. Aino turns high contrast on with the keyboard alone (its name in fi, sv and en); the
//      phone keeps it after a reload; participant, facilitator and projector boards are
//      black on white and axe-clean in it, and the note controls still reach 3:1;
//   6. with prefers-reduced-motion: reduce, no element anywhere has a transition, an animation
//      or smooth scrolling, even while a note arrives on the projector.
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/colour-and-notes.e2e.mjs
//
// Run by tests/tests/browser_colour_and_notes.rs. Exits 0 only when every step passed.

import { expectBoardLive, expectNoAxeViolations, noteIn, postNote, section } from './board-page.mjs';
import { closestPairs } from './colour-vision.mjs';
import { noteControlContrast } from './control-contrast.mjs';
import { revealAndMoveTo } from './facilitator-controls.mjs';
import { openFolded } from './group-view.mjs';
import { joinFromPhone } from './join-page.mjs';
import { focused, tabTo } from './keyboard.mjs';
import { createBoard, openAsFacilitator } from './new-board.mjs';
import { groupPanel } from './projector-page.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, VENUE_PC, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';
import { lowContrastTexts } from './text-contrast.mjs';

const TITLE = 'Kotona asuminen 2026';
const HOME_CARE = 'Kotihoito';
const HOUSING = 'Asuminen';
const COLOURS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'];
const NAMES = {
  en: { yellow: 'Yellow', pink: 'Pink', blue: 'Blue', green: 'Green', orange: 'Orange', purple: 'Purple' },
  fi: { yellow: 'Keltainen', pink: 'Vaaleanpunainen', blue: 'Sininen', green: 'Vihreä', orange: 'Oranssi', purple: 'Violetti' },
};
const TOGGLE = { en: 'High contrast', fi: 'Suuri kontrasti', sv: 'Hög kontrast' };
const AINO_NOTE = 'Aino-private: evening visits at home';
const COLOUR_NOTES = COLOURS.map((c, i) => `Colour note ${i + 1}`);
/** CIEDE2000 that every pair of note colours keeps, in every simulation. */
const MIN_DELTA_E = 10;

/** The whole accessibility tree of `page`, as Chromium computed it (names, descriptions, values). */
async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes.map((n) => ({
    role: n.role?.value ?? '',
    name: String(n.name?.value ?? ''),
    description: String(n.description?.value ?? ''),
    value: String(n.value?.value ?? ''),
    ignored: n.ignored,
  }));
}

const mentions = (nodes, text) => nodes.filter((n) => n.name.includes(text) || n.description.includes(text) || n.value.includes(text));

/** The colour class (`colour-pink`) of a note card. */
const colourOf = async (card) => (await card.locator('article').getAttribute('class')).match(/colour-(\w+)/)?.[1];

/** Checks the note's text at 4.5:1 and its controls' borders and focus rings at 3:1 against it. */
async function checkNoteContrast(page, card, label, figures, { editing = false } = {}) {
  const id = await card.locator('article').getAttribute('id');
  const { checked, low, lowest } = await lowContrastTexts(page, { min: 4.5, within: `#${id}` });
  figures.texts.push(lowest);
  assert(checked.some((c) => c.startsWith(editing ? 'label' : 'p.text')), `${label}: the contrast check should have seen the note's text: ${checked.join(', ')}`);
  assert(low.length === 0, `${label}: texts on the note below 4.5:1:\n       ${low.join('\n       ')}`);
  const { controls } = await noteControlContrast(page, `#${id}`);
  assert(controls.length >= 2, `${label}: the check should have seen the note's controls: ${JSON.stringify(controls)}`);
  const weak = controls.filter((c) => c.none || c.border < 3);
  assert(weak.length === 0, `${label}: control borders below 3:1 against the note:\n       ${weak.map((c) => `${c.what}: ${c.none ? 'no border' : c.border.toFixed(2)}`).join('\n       ')}`);
  for (const c of controls) figures.borders.push(c.border);
  // Tab through every control of the note, measuring the ring on each one that takes focus.
  await page.locator(`#${id}`).focus();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const { focus } = await noteControlContrast(page, `#${id}`);
    if (!focus) break;
    assert(focus.visible && focus.ring >= 3, `${label}: the focus ring on ${focus.what} is ${focus.ring.toFixed(2)}:1 against the note (visible: ${focus.visible})`);
    figures.rings.push(focus.ring);
  }
  return controls.map((c) => c.what);
}

/** Every element's (and pseudo-element's) motion: those with any transition, animation or smooth scrolling. */
const movingElements = (page) =>
  page.evaluate(() => {
    const moving = [];
    const seconds = (list) => list.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 0.001 : 1));
    for (const el of [document.documentElement, ...document.querySelectorAll('*')]) {
      for (const pseudo of [null, '::before', '::after']) {
        const s = getComputedStyle(el, pseudo);
        const what = `${el.localName}${pseudo ?? ''}.${[...el.classList].join('.')}`;
        if (seconds(s.transitionDuration).some((d) => d > 0)) moving.push(`${what}: transition ${s.transitionDuration}`);
        if (s.animationName !== 'none' && seconds(s.animationDuration).some((d) => d > 0)) moving.push(`${what}: animation ${s.animationName} ${s.animationDuration}`);
        if (s.scrollBehavior !== 'auto') moving.push(`${what}: scroll-behavior ${s.scrollBehavior}`);
      }
      moving.push(...el.getAnimations().map((a) => `${el.localName}: a running animation ${a.animationName ?? a.id}`));
    }
    return { moving, checked: document.querySelectorAll('*').length };
  });

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({ title: TITLE, description: 'Asiakastapaus: Aino, 84, asuu yksin.', sections: [HOME_CARE, HOUSING] });
  const [homeCare, housing] = board.sections;
  const facilitator = await openScreen(browser, DESKTOP, 'the facilitator', errors);
  const figures = { texts: [], borders: [], rings: [], deltaE: null, projector: [] };
  const backgrounds = {};

  await step('one note goes through all six colours: it says its colour, and its text and controls keep their contrast', async () => {
    await openAsFacilitator(facilitator, board);
    for (const text of COLOUR_NOTES) await postNote(facilitator, HOUSING, text);
    const card = noteIn(facilitator, HOUSING, COLOUR_NOTES[0]);
    await card.waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const colour of COLOURS) {
      if ((await card.getByRole('button', { name: 'More', exact: true }).getAttribute('aria-expanded')) !== 'true') await card.getByRole('button', { name: 'More', exact: true }).click();
      await card.getByRole('radio', { name: NAMES.en[colour], exact: true }).check();
      await eventually(`the note turns ${colour}`, async () => (await colourOf(card)) === colour);
      await card.locator('.colour-mark').getByText(NAMES.en[colour], { exact: true }).waitFor();
      // The picker names the chosen colour in words too; screen readers hear it from the radio.
      const legend = card.getByRole('group', { name: 'Colour', exact: true }).locator('legend');
      await eventually(`the picker's legend names ${colour}`, async () => (await legend.innerText()).trim() === `Colour: ${NAMES.en[colour]}`);
      backgrounds[colour] = await card.locator('article').evaluate((el) => {
        const [r, g, b] = getComputedStyle(el).backgroundColor.match(/[\d.]+/g).map(Number);
        return { r, g, b };
      });
      const seen = await checkNoteContrast(facilitator, card, `the ${colour} note with its options open`, figures);
      for (const wanted of ['select', 'button[submit] “Move”', 'input[radio]', 'button[button] “Delete note”', 'button[button] “Comments']) {
        assert(seen.some((w) => w.startsWith(wanted) || w.includes(wanted)), `the ${colour} note's check should have seen ${wanted}: ${seen.join(', ')}`);
      }
      await card.getByRole('button', { name: 'Edit' }).click();
      const edited = await checkNoteContrast(facilitator, card, `the ${colour} note being edited`, figures, { editing: true });
      assert(edited.some((w) => w.startsWith('textarea')), `the ${colour} note's check should have seen the edit box: ${edited.join(', ')}`);
      await card.getByRole('button', { name: 'Cancel' }).click();
    }
    // The other notes take the other colours, so every colour is on the board at once.
    for (const [i, text] of COLOUR_NOTES.entries()) {
      const other = noteIn(facilitator, HOUSING, text);
      const colour = COLOURS[i];
      if ((await colourOf(other)) === colour) continue;
      await other.getByRole('button', { name: 'More', exact: true }).click();
      await other.getByRole('radio', { name: NAMES.en[colour], exact: true }).check();
      await eventually(`note ${i + 1} turns ${colour}`, async () => (await colourOf(other)) === colour);
      await other.getByRole('button', { name: 'More', exact: true }).click();
    }
    console.log(`       min control border ${Math.min(...figures.borders).toFixed(2)}:1, min focus ring ${Math.min(...figures.rings).toFixed(2)}:1 over ${figures.borders.length} borders and ${figures.rings.length} rings`);
    await expectNoAxeViolations(facilitator, 'facilitator board with a note of every colour');
  });

  await step(`the six colours stay apart (CIEDE2000 ≥ ${MIN_DELTA_E}) in protanopia, deuteranopia and tritanopia`, async () => {
    assert(Object.keys(backgrounds).length === 6, `a background for each colour: ${JSON.stringify(backgrounds)}`);
    const distinct = new Set(Object.values(backgrounds).map((c) => `${c.r},${c.g},${c.b}`));
    assert(distinct.size === 6, `six different note backgrounds: ${JSON.stringify(backgrounds)}`);
    figures.deltaE = closestPairs(backgrounds);
    for (const [simulation, { pair, deltaE }] of Object.entries(figures.deltaE)) {
      console.log(`       ${simulation}: closest pair ${pair.join('/')} ΔE2000 ${deltaE.toFixed(1)}`);
      assert(deltaE >= MIN_DELTA_E, `in ${simulation} ${pair.join(' and ')} are only ΔE2000 ${deltaE.toFixed(1)} apart (≥ ${MIN_DELTA_E} wanted)`);
    }
  });

  const aino = await openScreen(browser, PHONE, 'Aino', errors);
  const bertil = await openScreen(browser, PHONE, 'Bertil', errors);

  await step('a private note of Aino’s has no text in Bertil’s accessibility tree, and has in hers', async () => {
    await facilitator.getByRole('button', { name: 'Start: Write' }).click();
    await joinFromPhone(aino, TITLE, 'Aino', { code: board.join_code, group: homeCare.id, name: 'Aino' });
    await joinFromPhone(bertil, TITLE, 'Bertil', { code: board.join_code, group: housing.id, name: 'Bertil' });
    await postNote(aino, HOME_CARE, AINO_NOTE);
    await noteIn(facilitator, HOME_CARE, AINO_NOTE).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await openFolded(bertil, HOME_CARE);
    await section(bertil, HOME_CARE).getByText('1 hidden note', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const own = await axTree(aino);
    assert(mentions(own, AINO_NOTE).length > 0, 'Aino’s own tree should hold her note’s text (else this check could not fail)');
    const others = await axTree(bertil);
    assert(others.some((n) => n.name.includes('1 hidden note')), 'Bertil’s tree should say a note is hidden');
    const leaks = mentions(others, 'Aino-private').concat(mentions(others, 'evening visits'));
    assert(leaks.length === 0, `Bertil’s accessibility tree exposes the hidden note: ${JSON.stringify(leaks)}`);
    assert(!others.some((n) => n.role === 'article' && n.name.includes(HOME_CARE)), 'Bertil’s tree should have no note in Kotihoito');
  });

  await step('revealed and voted on, each note is named by its group, writer, colour and votes; its text is its description', async () => {
    await revealAndMoveTo(facilitator, 'Discuss');
    await facilitator.getByRole('button', { name: /^3\. Vote/ }).click();
    await openFolded(bertil, HOME_CARE);
    await section(bertil, HOME_CARE).getByRole('button', { name: `Vote: ${AINO_NOTE}` }).click();
    await eventually('the facilitator counts the vote', async () => (await noteIn(facilitator, HOME_CARE, AINO_NOTE).locator('.total').filter({ hasText: /\b1 vote$/ }).count()) === 1);
    const colour = await colourOf(noteIn(facilitator, HOME_CARE, AINO_NOTE));
    const tree = await axTree(facilitator);
    const notes = tree.filter((n) => n.role === 'article' && !n.ignored);
    const ainos = notes.filter((n) => n.description.includes(AINO_NOTE));
    assert(ainos.length === 1, `one note node described by Aino’s text, found ${JSON.stringify(notes)}`);
    const { name } = ainos[0];
    for (const part of [HOME_CARE, 'Aino', NAMES.en[colour].toLowerCase(), '1 vote']) {
      assert(name.includes(part), `the note's accessible name should hold “${part}”: ${JSON.stringify(name)}`);
    }
    assert(!name.includes(AINO_NOTE), `the name should not repeat the text, which is the description: ${JSON.stringify(name)}`);
    const colourNotes = notes.filter((n) => n.name.startsWith(`Note in ${HOUSING}, written by anonymous`) || n.name.includes(HOUSING));
    for (const c of COLOURS) {
      assert(colourNotes.some((n) => n.name.includes(`, ${NAMES.en[c].toLowerCase()}, 0 votes`)), `a ${c} note in ${HOUSING} should be named with its colour and votes: ${JSON.stringify(colourNotes.map((n) => n.name))}`);
    }
    console.log(`       named: ${JSON.stringify(name)}`);
    // Bertil's phase hides the totals from participants: his screen names the note without them.
    const bertils = (await axTree(bertil)).filter((n) => n.role === 'article' && n.description.includes(AINO_NOTE));
    assert(
      bertils.length === 1 && bertils[0].name.includes('Aino') && bertils[0].name.includes(HOME_CARE) && !/vote/.test(bertils[0].name),
      `Bertil's note node: ${JSON.stringify(bertils)}`,
    );
    // In Finnish the colour is said in Finnish.
    await aino.getByRole('button', { name: 'suomi', exact: true }).tap();
    const fiTree = (await axTree(aino)).filter((n) => n.role === 'article' && n.description.includes(AINO_NOTE));
    assert(fiTree.length === 1, `Aino's note in Finnish: ${JSON.stringify(fiTree)}`);
    for (const part of [`Muistilappu ryhmässä ${HOME_CARE}`, 'kirjoittanut Aino', NAMES.fi[colour].toLowerCase()]) {
      assert(fiTree[0].name.includes(part), `the Finnish name should hold “${part}”: ${JSON.stringify(fiTree[0].name)}`);
    }
    await aino.getByRole('button', { name: 'English', exact: true }).tap();
  });

  const pc = await openScreen(browser, VENUE_PC, 'the venue PC', errors);

  await step('the projector names every colour, and every text on it is at 7:1, also in high contrast (axe-clean)', async () => {
    await pc.goto(`${BASE}/#/b/${board.board_id}/p/${encodeURIComponent(board.projector_key)}`);
    await groupPanel(pc, HOUSING).getByText(COLOUR_NOTES[5], { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const [label, contrast] of [
      ['normal', 'no-preference'],
      ['high contrast (prefers-contrast: more)', 'more'],
    ]) {
      await pc.emulateMedia({ contrast });
      const wanted = contrast === 'more' ? 'more' : null;
      await eventually(`the projector follows ${label}`, async () => (await pc.evaluate(() => document.documentElement.dataset.contrast ?? null)) === wanted);
      for (const c of COLOURS) await groupPanel(pc, HOUSING).locator('.colour-mark').getByText(NAMES.en[c], { exact: true }).waitFor();
      const { checked, low, lowest } = await lowContrastTexts(pc, { min: 7, within: '.layout', skip: '.address-warning' });
      assert(checked.filter((c) => c.startsWith('p.colour-mark')).length >= 6, `the check should have seen the colour names: ${checked.join(', ')}`);
      assert(low.length === 0, `projector texts below 7:1 in ${label}:\n       ${low.join('\n       ')}`);
      figures.projector.push(`${label}: ${checked.length} texts, lowest ${lowest.toFixed(2)}:1`);
      await expectNoAxeViolations(pc, `projector in ${label}`);
    }
    await pc.emulateMedia({ contrast: 'no-preference' });
  });

  await step('Aino turns high contrast on with the keyboard alone; it is named in fi, sv and en, and a reload keeps it (axe-clean)', async () => {
    for (const [lang, language] of [['fi', 'suomi'], ['sv', 'svenska'], ['en', 'English']]) {
      await aino.getByRole('button', { name: language, exact: true }).tap();
      await aino.getByRole('button', { name: TOGGLE[lang], exact: true }).waitFor();
    }
    await aino.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
    await aino.evaluate(() => window.scrollTo(0, 0));
    await tabTo(aino, (f) => f.text.includes(TOGGLE.en), 'the high-contrast toggle');
    assert((await focused(aino)).tag === 'BUTTON', 'the toggle is a button');
    await aino.keyboard.press('Enter');
    const toggle = aino.getByRole('button', { name: TOGGLE.en, exact: true });
    assert((await toggle.getAttribute('aria-pressed')) === 'true', 'the toggle says it is on');
    const look = () =>
      aino.evaluate(() => ({
        contrast: document.documentElement.dataset.contrast ?? null,
        ink: getComputedStyle(document.body).color,
        paper: getComputedStyle(document.body).backgroundColor,
        stored: localStorage.getItem('talkoot.contrast'),
      }));
    const before = await look();
    assert(before.contrast === 'more' && before.stored === 'more', `high contrast should be on and remembered: ${JSON.stringify(before)}`);
    await aino.reload();
    await expectBoardLive(aino, TITLE, 'Aino');
    const after = await look();
    assert(after.contrast === 'more' && after.ink === 'rgb(0, 0, 0)', `a reload keeps high contrast: ${JSON.stringify(after)}`);
    assert((await toggle.getAttribute('aria-pressed')) === 'true', 'the toggle is still on after a reload');
    await checkNoteContrast(aino, noteIn(aino, HOME_CARE, AINO_NOTE), 'Aino’s note in high contrast', figures);
    await expectNoAxeViolations(aino, 'participant board in high contrast');
  });

  await step('the facilitator’s board in high contrast: black on white, note controls at 3:1 (axe-clean)', async () => {
    await facilitator.getByRole('button', { name: TOGGLE.en, exact: true }).click();
    const paper = await facilitator.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.documentElement).backgroundColor]);
    assert(paper[0] === 'rgb(0, 0, 0)' && paper[1] === 'rgb(255, 255, 255)', `black on white: ${JSON.stringify(paper)}`);
    const card = noteIn(facilitator, HOUSING, COLOUR_NOTES[1]);
    await card.getByRole('button', { name: 'More', exact: true }).click();
    await checkNoteContrast(facilitator, card, 'a note with options in high contrast', figures);
    await card.getByRole('button', { name: 'More', exact: true }).click();
    await expectNoAxeViolations(facilitator, 'facilitator board in high contrast');
    await facilitator.getByRole('button', { name: TOGGLE.en, exact: true }).click();
    assert((await facilitator.evaluate(() => document.documentElement.dataset.contrast ?? null)) === null, 'pressed again, high contrast goes off');
    // Forced colours (Windows high contrast): the system's colours, but every note keeps a drawn
    // border and the dot beside its colour's name keeps its colour.
    await facilitator.emulateMedia({ forcedColors: 'active' });
    const forced = await facilitator.evaluate(() =>
      [...document.querySelectorAll('article.note')].map((el) => ({
        border: parseFloat(getComputedStyle(el).borderTopWidth),
        chip: getComputedStyle(el.querySelector('.colour-mark .chip')).backgroundColor,
        paper: getComputedStyle(el).backgroundColor,
      })),
    );
    assert(forced.length >= 7 && forced.every((f) => f.border >= 2 && f.chip !== f.paper), `in forced colours every note keeps a border and a coloured dot: ${JSON.stringify(forced)}`);
    await expectNoAxeViolations(facilitator, 'facilitator board in forced colours');
    await facilitator.emulateMedia({ forcedColors: 'none' });
  });

  await step('with reduced motion nothing moves anywhere, even a note arriving on the projector', async () => {
    const quiet = 'Arrives without motion';
    await facilitator.getByRole('button', { name: /^No phase/ }).click();
    for (const page of [facilitator, aino, pc]) await page.emulateMedia({ reducedMotion: 'reduce' });
    await postNote(facilitator, HOUSING, quiet);
    await groupPanel(pc, HOUSING).getByText(quiet, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const [page, who] of [
      [facilitator, 'the facilitator'],
      [aino, 'Aino'],
      [pc, 'the projector'],
    ]) {
      const { moving, checked } = await movingElements(page);
      assert(checked > 50, `${who}: the motion check should have seen the page (${checked} elements)`);
      assert(moving.length === 0, `${who} moves with reduced motion:\n       ${moving.slice(0, 10).join('\n       ')}`);
    }
    // Without the wish, the arriving note does animate: the check above can fail.
    await pc.emulateMedia({ reducedMotion: 'no-preference' });
    await postNote(facilitator, HOUSING, 'Arrives with motion');
    await groupPanel(pc, HOUSING).getByText('Arrives with motion', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const { moving } = await movingElements(pc);
    assert(moving.length > 0, 'without reduced motion the projector should animate the arriving note');
  });

  console.log(`       figures: ${JSON.stringify({ minNoteText: Math.min(...figures.texts).toFixed(2), minBorder: Math.min(...figures.borders).toFixed(2), minRing: Math.min(...figures.rings).toFixed(2), deltaE: Object.fromEntries(Object.entries(figures.deltaE ?? {}).map(([k, v]) => [k, v.deltaE.toFixed(1)])), projector: figures.projector })}`);
}

await runStory({ name: 'colour and notes', run: 'cargo test -p talkoot-tests --test browser_colour_and_notes' }, tell);
