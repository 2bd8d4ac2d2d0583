// Themes across groups, in real browsers against a running talkoot server (its address in
// TALKOOT_URL). A facilitator on a laptop and two participants on 375×667 phones, at two tables:
//
//   1. each table writes about home care, in Finnish, inflected differently ("kotihoito",
//      "kotihoidon");
//   2. the facilitator adds the theme "Kotihoito" and puts table 1's note into it from the
//      note's card; the theme offers table 2's note as a likely match, and one click adds it;
//   3. the phones see the theme beside the groups, with both notes and their tables, and so
//      does the projector, in text at 7:1 contrast;
//   4. in a voting phase, a phone votes on the theme as a whole: its budget goes down, and the
//      facilitator sees the theme's total;
//   5. the facilitator takes a note out of the theme by keyboard; the phones follow, and focus
//      stays on the theme;
//   6. the counts are shown: the projector ranks the theme by its votes under the notes;
//   7. the facilitator renames the theme: a blank name is refused beside the field, and the new
//      name reaches the phones and the projector's ranking.
//
// Every new state is checked with axe (WCAG 2.1 A/AA).
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/themes.e2e.mjs
//
// Exits 0 only when every step passed; prints which step failed and why otherwise.

import { expectNoAxeViolations, noteIn, postNote } from './board-page.mjs';
import { openFolded, pickGroup } from './group-view.mjs';
import { joinFromPhone } from './join-page.mjs';
import { focused } from './keyboard.mjs';
import { createBoard, openAsFacilitator } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, VENUE_PC, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';
import { lowContrastTexts } from './text-contrast.mjs';

const TITLE = 'Sote-palveluverkko';
const T1 = 'Pöytä 1';
const T2 = 'Pöytä 2';
const NOTE1 = 'Kotihoito tarvitsee lisää väkeä iltaisin';
const NOTE2 = 'Kotihoidon käynnit ovat liian lyhyitä';
const OTHER = 'Kirjaston aukioloajat';
const THEME = 'Kotihoito';

const themes = (page) => page.getByRole('region', { name: 'Themes', exact: true });
const themeCard = (page) => themes(page).getByRole('listitem', { name: new RegExp(`^${THEME}`) });

await runStory({ name: 'themes', run: 'cargo test -p talkoot-tests --test browser_themes' }, async (story, browser, errors) => {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({ title: TITLE, sections: [T1, T2] });
  const facilitator = await openScreen(browser, DESKTOP, 'the facilitator', errors);
  const anna = await openScreen(browser, PHONE, 'Anna', errors);
  const bertil = await openScreen(browser, PHONE, 'Bertil', errors);
  const pc = await openScreen(browser, VENUE_PC, 'the venue PC', errors);
  const phones = [
    [anna, 'Anna', T1],
    [bertil, 'Bertil', T2],
  ];

  await step('two tables write about home care, inflected differently; no themes panel on the phones yet', async () => {
    await openAsFacilitator(facilitator, board);
    for (const [page, who, table] of phones) {
      await joinFromPhone(page, TITLE, who, { code: board.join_code, name: who });
      await pickGroup(page, table);
      for (const other of [T1, T2]) if (other !== table) await openFolded(page, other);
    }
    await postNote(anna, T1, NOTE1);
    await postNote(bertil, T2, NOTE2);
    await postNote(bertil, T2, OTHER);
    for (const [page, who] of [[facilitator, 'the facilitator'], ...phones]) {
      for (const [table, text] of [
        [T1, NOTE1],
        [T2, NOTE2],
      ]) {
        await noteIn(page, table, text).waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
          throw new Error(`${who} should show "${text}"`);
        });
      }
    }
    await pc.goto(`${BASE}/#/b/${board.board_id}/p/${encodeURIComponent(board.projector_key)}`);
    await pc.getByText(NOTE2).waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const [page, who] of [...phones, [pc, 'the venue PC']]) {
      assert((await themes(page).count()) === 0, `${who} shows a themes panel with no themes`);
    }
  });

  await step('the facilitator adds the theme and puts table 1’s note in it; table 2’s note is offered as similar and joins (axe-clean)', async () => {
    await themes(facilitator).getByLabel('Name of a new theme').fill(THEME);
    await themes(facilitator).getByRole('button', { name: 'Add theme' }).click();
    await themeCard(facilitator).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const card = noteIn(facilitator, T1, NOTE1);
    await card.getByLabel('Theme', { exact: true }).selectOption({ label: THEME });
    await card.getByRole('button', { name: 'Set', exact: true }).click();
    await themeCard(facilitator).getByText('(1 note)').waitFor({ timeout: LIVE_TIMEOUT_MS });
    const suggestions = themeCard(facilitator).getByRole('list').filter({ hasText: 'Add to the theme' });
    const offered = await suggestions.getByRole('listitem').allInnerTexts();
    assert(offered.length === 1 && offered[0].includes(NOTE2) && offered[0].includes(T2), `the theme should offer only table 2's home-care note: ${JSON.stringify(offered)}`);
    await expectNoAxeViolations(facilitator, 'facilitator with a theme and its suggestions');
    await suggestions.getByRole('button', { name: 'Add to the theme' }).click();
    await themeCard(facilitator).getByText('(2 notes)').waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('the phones and the projector list the theme beside the groups, with both notes and their tables (axe-clean, 7:1 on the projector)', async () => {
    for (const [page, who] of phones) {
      const card = themeCard(page);
      await card.getByText('(2 notes)').waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
        throw new Error(`${who} should list the theme with its two notes`);
      });
      const text = await card.innerText();
      for (const part of [NOTE1, `(${T1})`, NOTE2, `(${T2})`]) assert(text.includes(part), `${who}'s theme should show ${part}: ${JSON.stringify(text)}`);
      assert(!text.includes(OTHER), `${who}'s theme shows a note that is not in it`);
      assert((await card.getByRole('button').count()) === 0, `${who} gets buttons on the theme outside a vote`);
      await noteIn(page, T1, NOTE1).getByText(`Theme: ${THEME}`).waitFor();
    }
    await expectNoAxeViolations(anna, 'phone with a theme beside the groups');
    const onPc = themes(pc).getByRole('region', { name: new RegExp(`^${THEME}`) });
    await onPc.getByText('(2 notes)').waitFor({ timeout: LIVE_TIMEOUT_MS });
    const text = await onPc.innerText();
    for (const part of [NOTE1, T1, NOTE2, T2]) assert(text.includes(part), `the projector's theme should show ${part}: ${JSON.stringify(text)}`);
    const { checked, low } = await lowContrastTexts(pc, { min: 7, within: '#projector-themes-heading + .list' });
    assert(checked.length >= 4, `the contrast check should have seen the theme's texts: ${checked.join(', ')}`);
    assert(low.length === 0, `projector theme texts below 7:1:\n       ${low.join('\n       ')}`);
    await expectNoAxeViolations(pc, 'projector with a theme');
  });

  await step('in a voting phase, Anna votes on the theme as a whole; her budget goes down and the facilitator sees its total', async () => {
    await facilitator.getByRole('button', { name: 'Edit phases' }).click();
    const first = facilitator.getByRole('group', { name: 'Phase 1' });
    await first.getByLabel('Title of phase 1').fill('Vote');
    await first.getByLabel('Voting is open').check();
    await facilitator.getByRole('button', { name: 'Save phases' }).click();
    await facilitator.getByRole('button', { name: 'Start: Vote' }).click();
    await anna.locator('.votes-left', { hasText: /^5 of 5 votes left/ }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await themeCard(anna).getByRole('button', { name: `Vote: theme “${THEME}”` }).tap();
    await anna.locator('.votes-left', { hasText: /^4 of 5 votes left/ }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await themeCard(anna).locator('.votes .mine', { hasText: /Your vote\s*$/ }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await themeCard(facilitator).locator('.votes .total', { hasText: '1 vote' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    // The counts are hidden in this phase: Bertil sees neither Anna's vote nor a total.
    assert((await themeCard(bertil).locator('.votes .total, .votes .mine').count()) === 0, 'Bertil sees votes on the theme that are not his');
    await expectNoAxeViolations(anna, 'phone with a vote on a theme');
  });

  await step('by keyboard, the facilitator takes table 2’s note out of the theme; focus stays on the theme, the phones follow', async () => {
    const takeOut = themeCard(facilitator).getByRole('button', { name: 'Take out of the theme' });
    assert((await takeOut.count()) === 2, `the facilitator should get a "Take out" per note, got ${await takeOut.count()}`);
    const second = themeCard(facilitator).getByRole('listitem').filter({ hasText: NOTE2 }).getByRole('button', { name: 'Take out of the theme' });
    await second.focus();
    await facilitator.keyboard.press('Enter');
    await themeCard(facilitator).getByText('(1 note)').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('focus is on the theme’s heading', async () => {
      const at = await focused(facilitator);
      return at.tag === 'H3' && at.text.startsWith(THEME);
    });
    for (const [page, who] of phones) {
      await themeCard(page).getByText('(1 note)').waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
        throw new Error(`${who} should show the theme with one note left`);
      });
      assert(!(await themeCard(page).innerText()).includes(NOTE2), `${who}'s theme still shows the note taken out`);
    }
    await expectNoAxeViolations(facilitator, 'facilitator after taking a note out of a theme');
  });

  await step('the facilitator shows the counts: the projector ranks the theme by its own votes, beside the notes (axe-clean, 7:1)', async () => {
    await facilitator.getByRole('button', { name: 'Edit phases' }).click();
    await facilitator.getByRole('group', { name: 'Phase 1' }).getByLabel('Vote counts are shown to everyone').check();
    await facilitator.getByRole('button', { name: 'Save phases' }).click();
    const results = pc.getByRole('region', { name: 'Results: notes by votes' });
    const ranked = results.getByRole('list', { name: 'Themes by votes' }).getByRole('listitem');
    await ranked.first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    const rows = (await ranked.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    assert(rows.length === 1 && rows[0].includes('1 vote') && rows[0].includes(THEME), `the projector should rank the theme with its one vote: ${JSON.stringify(rows)}`);
    await themeCard(bertil).locator('.votes .total', { hasText: '1 vote' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const { checked, low } = await lowContrastTexts(pc, { min: 7, within: '.results' });
    assert(checked.some((c) => c.startsWith('p.theme')), `the contrast check should have seen the ranked theme: ${checked.join(', ')}`);
    assert(low.length === 0, `projector results below 7:1:\n       ${low.join('\n       ')}`);
    await expectNoAxeViolations(pc, 'projector ranking a theme');
  });

  await step('the facilitator renames the theme: a blank name is refused at the field, the new one reaches every screen', async () => {
    const renamed = `${THEME} ja omaishoito`;
    const field = themeCard(facilitator).getByLabel('Name of the theme');
    await field.fill('   ');
    await themeCard(facilitator).getByRole('button', { name: 'Rename' }).click();
    await themeCard(facilitator).getByText('Give the theme a name.').waitFor();
    assert((await field.getAttribute('aria-invalid')) === 'true', 'the blank name field should be marked invalid');
    await field.fill(renamed);
    await themeCard(facilitator).getByRole('button', { name: 'Rename' }).click();
    for (const [page, who] of [[facilitator, 'the facilitator'], ...phones]) {
      await themes(page).getByRole('heading', { level: 3, name: new RegExp(`^${renamed}`) }).waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
        throw new Error(`${who} should show the theme's new name`);
      });
    }
    await pc.getByRole('list', { name: 'Themes by votes' }).getByText(renamed).waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await field.inputValue()) === renamed, 'the name field should keep the new name');
  });
});
