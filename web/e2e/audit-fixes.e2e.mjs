// The fixes to an outside accessibility audit (issue 11, WCAG 2.1 AA), in real browsers against
// a running talkoot server (its address in TALKOOT_URL). A facilitator and a participant on a
// board whose title and first section titles are as long as they may be:
//
//   1. at 320 px nothing scrolls sideways, on the participant's board and on the facilitator's
//      with a note's "Move to section…" list open (1.4.10);
//   2. the first Tab on a board and on the landing page reaches a visible skip link; the
//      language buttons are named in their own languages; the character counter says "1
//      character too many", never a negative count; the case material's Show button stays on a
//      phone's screen at 200 % text;
//   3. Escape closes a note's options and gives focus back to their button; in an edit box with
//      changed text it asks before discarding; field errors are tied to their fields and the
//      first invalid field gets focus;
//   4. the facilitator deletes a section while the participant types in its composer: the text
//      is shown in a notice to copy, which takes focus (not <body>);
//   5. the facilitator deletes the note, then the section, the participant is on: focus moves to
//      the next note, then the next section's heading, and each is said politely;
//   6. posts made offline into a section deleted meanwhile are refused on reconnect: the outbox
//      status never says "All your changes are saved." but "2 changes were not saved";
//   7. the two notices scroll within a bounded stack at 320×568 and 640×360, every Close button
//      reachable; going offline is said by one live region;
//   8. offline, with the two notices, at 375×667 with 200 % text, no focused control is hidden
//      under the banner or the notices (2.4.11).
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/audit-fixes.e2e.mjs
//
// Run by tests/tests/browser_audit_fixes.rs. Exits 0 only when every step passed.

import { expectBoardLive, expectNoAxeViolations, noteIn, postNote, section } from './board-page.mjs';
import { joinFromPhone } from './join-page.mjs';
import { createBoard, openAsFacilitator } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

const long = (start) => `${start} ${'pitkä otsikko '.repeat(10)}`.slice(0, 80).trimEnd().padEnd(80, 'x');
const TITLE = long('Palvelujen kehittäminen');
const A = long('Alpha: Asukkaiden osallistuminen');
const B = long('Bravo: Bussiliikenteen vuorovälit');
const C = 'Table C';
const D = 'Table D';
const E = 'Table E';
const NARROW = { viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true, locale: 'en-US' };

/** The page's width against the screen's: nothing may scroll sideways. */
async function expectNoSidewaysScroll(page, what) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert(scroll <= client, `${what}: the page is ${scroll} px wide on a ${client} px screen`);
}

/** Opens a section's options as the facilitator and deletes it, confirming in the dialog. */
async function deleteSection(facilitator, title) {
  await section(facilitator, title).getByRole('button', { name: /^Edit section/ }).click();
  await section(facilitator, title).getByRole('button', { name: 'Delete section' }).click();
  await facilitator.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await section(facilitator, title).waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
}

async function deleteNote(facilitator, sectionTitle, text) {
  const note = noteIn(facilitator, sectionTitle, text);
  await note.getByRole('button', { name: 'More' }).click();
  await note.getByRole('button', { name: 'Delete note' }).click();
  await facilitator.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await note.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
}

/** What has focus: where it is, and whether it is the page itself. */
const focusInfo = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      body: !el || el === document.body,
      id: el?.id ?? '',
      tag: el?.tagName ?? '',
      text: (el?.textContent ?? '').trim().slice(0, 80),
      value: el && 'value' in el ? String(el.value) : '',
      section: el?.closest('section.column')?.getAttribute('aria-labelledby') ?? '',
      note: el?.closest('article.note')?.id ?? '',
    };
  });

/** The polite messages of the focus keeper, as said. */
const focusNews = (page) => page.locator('p.visually-hidden[aria-live="polite"]').allTextContents();

/**
 * Whether some part of the focused element shows: it is not wholly under the banner or the
 * notices (elementFromPoint at points over its box finds it or something inside it).
 */
const focusedShows = (page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    if (!el || el === document.body) return { ok: true, what: 'body' };
    let box = el.getBoundingClientRect();
    // A visually hidden radio shows through its label.
    if (box.width * box.height < 16) {
      el = el.closest('label') ?? el.parentElement ?? el;
      box = el.getBoundingClientRect();
    }
    const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    const left = Math.max(box.left, 0);
    const right = Math.min(box.right, window.innerWidth);
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    if (right <= left || bottom <= top) return { ok: false, what: `${what} is off the screen at ${JSON.stringify(box)}` };
    for (let i = 1; i < 6; i++) {
      for (let j = 1; j < 6; j++) {
        const x = left + ((right - left) * i) / 6;
        const y = top + ((bottom - top) * j) / 6;
        const hit = document.elementFromPoint(x, y);
        if (hit && (hit === el || el.contains(hit) || hit.contains(el))) return { ok: true, what };
      }
    }
    return { ok: false, what: `${what} is wholly covered (box ${JSON.stringify(box)})` };
  });

/** Every notice's Close button can be focused and then shows, whole, clear of everything else. */
async function expectEveryCloseReachable(page, what) {
  const closes = page.locator('.notices').getByRole('button', { name: 'Close' });
  const count = await closes.count();
  assert(count === 2, `${what}: two notices should show, ${count} do`);
  for (let i = 0; i < count; i++) {
    await closes.nth(i).focus();
    const shown = await closes.nth(i).evaluate((button) => {
      const box = button.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return { inside: box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth, hit: hit === button || button.contains(hit), box };
    });
    assert(shown.inside && shown.hit, `${what}: Close button ${i + 1} should show when focused, is at ${JSON.stringify(shown.box)}`);
  }
  const share = await page.evaluate(() => document.querySelector('.notices').getBoundingClientRect().height / window.innerHeight);
  assert(share <= 0.5, `${what}: the notices take ${Math.round(share * 100)} % of the screen's height`);
  await expectNoSidewaysScroll(page, what);
}

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({
    title: TITLE,
    description: 'Asiakastapaus: viisihenkinen perhe muuttaa kaupunkiin ja tarvitsee palveluja.',
    sections: [A, B, C, D, E],
  });

  const facilitator = await openScreen(browser, NARROW, 'facilitator at 320 px', errors);
  const phone = await openScreen(browser, NARROW, 'participant at 320 px', errors);

  await step('1.4.10: at 320 px with 80-character titles the participant’s board does not scroll sideways', async () => {
    await joinFromPhone(phone, TITLE, 'the participant', { code: board.join_code });
    await expectNoSidewaysScroll(phone, 'the participant’s board with the group question');
    await phone.getByRole('button', { name: /^No group/ }).tap();
    await postNote(phone, A, 'Asukasillat kirjastossa');
    await noteIn(phone, A, 'Asukasillat kirjastossa').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await noteIn(phone, A, 'Asukasillat kirjastossa').getByRole('button', { name: 'More' }).tap();
    await expectNoSidewaysScroll(phone, 'the participant’s board with a note’s options open');
  });

  await step('1.4.10: at 320 px the facilitator’s board, with “Move to section…” open, does not scroll sideways', async () => {
    await openAsFacilitator(facilitator, board);
    await expectNoSidewaysScroll(facilitator, 'the facilitator’s board');
    const note = noteIn(facilitator, A, 'Asukasillat kirjastossa');
    await note.getByRole('button', { name: 'More' }).click();
    const select = note.getByLabel('Move to section…');
    await select.waitFor();
    assert((await select.locator('option').allTextContents()).includes(B), 'the list offers the 80-character section');
    await expectNoSidewaysScroll(facilitator, 'the facilitator’s board with the section list open');
    await section(facilitator, B).getByRole('button', { name: /^Edit section/ }).click();
    await expectNoSidewaysScroll(facilitator, 'the facilitator’s board with a section’s options open');
    await section(facilitator, B).getByRole('button', { name: /^Edit section/ }).click();
    await note.getByRole('button', { name: 'More' }).click();
  });

  await facilitator.setViewportSize(DESKTOP.viewport);
  const laptop = await openScreen(browser, { ...DESKTOP, hasTouch: true }, 'participant on a touch laptop', errors);

  await step('the first Tab on a board reaches a visible “Skip to the board” link, which moves focus to the board', async () => {
    await joinFromPhone(laptop, TITLE, 'the laptop participant', { code: board.join_code });
    await laptop.getByRole('button', { name: /^No group/ }).click();
    await laptop.reload();
    await expectBoardLive(laptop, TITLE, 'the laptop participant');
    await laptop.keyboard.press('Tab');
    let f = await focusInfo(laptop);
    assert(f.tag === 'A' && f.text === 'Skip to the board', `the first Tab should reach the skip link, reached ${f.tag} “${f.text}”`);
    const box = await laptop.locator('a.skip-link').boundingBox();
    assert(box && box.y >= 0 && box.x >= 0 && box.width > 20, `the skip link shows while focused: ${JSON.stringify(box)}`);
    await laptop.keyboard.press('Enter');
    f = await focusInfo(laptop);
    assert(f.id === 'board-main', `Enter on the skip link should focus the board, focused ${f.tag}#${f.id}`);
    assert(new URL(laptop.url()).hash.startsWith('#/b/'), `the address stays the board's: ${laptop.url()}`);
  });

  await step('the landing page’s first Tab reaches “Skip to the content”; the language buttons are named in their own languages', async () => {
    const landing = await openScreen(browser, DESKTOP, 'landing page', errors);
    await landing.goto(`${BASE}/`);
    await landing.keyboard.press('Tab');
    const f = await focusInfo(landing);
    assert(f.tag === 'A' && f.text === 'Skip to the content', `the first Tab should reach the skip link, reached ${f.tag} “${f.text}”`);
    await landing.keyboard.press('Enter');
    assert((await focusInfo(landing)).id === 'landing-main', 'the skip link moves focus to the content');
    for (const [name, lang] of [['suomi', 'fi'], ['svenska', 'sv'], ['English', 'en']]) {
      const button = landing.getByRole('button', { name, exact: true });
      assert((await button.count()) === 1, `a language button named “${name}”`);
      assert((await button.getAttribute('lang')) === lang, `the “${name}” button is marked lang=${lang}`);
      assert((await button.getAttribute('aria-pressed')) !== null, `the “${name}” button says whether it is chosen`);
    }
    await landing.context().close();
  });

  await step('the join form ties its error to the code field and marks it invalid', async () => {
    const join = await openScreen(browser, PHONE, 'join form', errors);
    await join.goto(`${BASE}/`);
    await join.getByLabel('Join code').fill('12');
    await join.getByRole('button', { name: 'Join', exact: true }).tap();
    const field = join.getByLabel('Join code');
    await eventually('the code field is marked invalid', async () => (await field.getAttribute('aria-invalid')) === 'true');
    const described = (await field.getAttribute('aria-describedby')) ?? '';
    const error = (await join.locator('#join-error').textContent())?.trim() ?? '';
    assert(described.split(' ').includes('join-error') && error.length > 0, `the error “${error}” is the field's description (${described})`);
    await join.context().close();
  });

  await step('the create form says what is wrong next to the field, ties it to the field and focuses the first one', async () => {
    const create = await openScreen(browser, DESKTOP, 'create form', errors);
    await create.goto(`${BASE}/#/new`);
    await create.getByRole('button', { name: 'Create the workshop' }).click();
    const f = await focusInfo(create);
    assert(f.id === 'board-title', `focus should go to the first invalid field, the title; is on ${f.tag}#${f.id}`);
    const title = create.getByLabel('Workshop title');
    assert((await title.getAttribute('aria-invalid')) === 'true', 'the title is marked invalid');
    const problem = (await create.locator('#board-title-problem').textContent())?.trim() ?? '';
    assert(problem.length > 0 && (await title.getAttribute('aria-describedby'))?.includes('board-title-problem'), `the title's problem “${problem}” is next to it and its description`);
    const border = await title.evaluate((el) => getComputedStyle(el).borderTopWidth);
    assert(border === '2px', `the invalid field is marked by a thicker border, is ${border}`);
    await create.context().close();
  });

  await step('the character counter says “1 character too many” past the limit, never a negative count', async () => {
    const box = section(laptop, C).getByRole('textbox', { name: /New note/ });
    await box.fill('x'.repeat(1001));
    const hint = section(laptop, C).locator('p.hint').first();
    await eventually('the counter says one too many', async () => (await hint.textContent())?.trim() === '1 character too many');
    await box.fill('x'.repeat(999));
    await eventually('the counter says one left', async () => (await hint.textContent())?.trim() === '1 character left');
    await box.fill('');
  });

  await step('Escape closes a note’s options and gives focus back to their button', async () => {
    const note = noteIn(facilitator, A, 'Asukasillat kirjastossa');
    const more = note.getByRole('button', { name: 'More' });
    await more.click();
    await note.getByRole('button', { name: 'Delete note' }).focus();
    await facilitator.keyboard.press('Escape');
    assert((await more.getAttribute('aria-expanded')) === 'false', 'Escape closes the options');
    const f = await focusInfo(facilitator);
    assert(f.text === 'More' && f.note !== '', `focus goes back to the More button, is on ${f.tag} “${f.text}”`);
  });

  await step('Escape in an edit box with changed text asks before throwing the changes away', async () => {
    const note = noteIn(facilitator, A, 'Asukasillat kirjastossa');
    await note.getByRole('button', { name: 'Edit' }).click();
    const edit = facilitator.getByLabel('Edit the note');
    await edit.fill('Asukasillat kirjastossa ja koulussa');
    await facilitator.keyboard.press('Escape');
    const dialog = facilitator.getByRole('dialog', { name: 'Discard your changes to this note?' });
    await dialog.waitFor();
    await facilitator.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert((await edit.inputValue()) === 'Asukasillat kirjastossa ja koulussa', 'cancelling keeps the changed text');
    assert((await focusInfo(facilitator)).tag === 'TEXTAREA', 'cancelling puts focus back in the edit box');
    await facilitator.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await edit.waitFor({ state: 'detached' });
    assert((await focusInfo(facilitator)).text === 'Edit', 'after discarding, focus is on the Edit button');
    await noteIn(facilitator, A, 'Asukasillat kirjastossa').waitFor();
  });

  await step('text typed in a composer whose section is deleted is shown in a notice to copy, which takes focus', async () => {
    const box = section(laptop, C).getByRole('textbox', { name: /New note/ });
    await box.fill('Perhekeskuksen aukioloajat iltaisin');
    await box.focus();
    await deleteSection(facilitator, C);
    await section(laptop, C).waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
    const notice = laptop.locator('.notices .notice').filter({ hasText: `The section “${C}” was deleted while you were writing in it.` });
    await notice.waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await notice.getByLabel('Your text').inputValue()) === 'Perhekeskuksen aukioloajat iltaisin', 'the notice holds the typed text');
    await eventually('focus is on the rescued text', async () => {
      const f = await focusInfo(laptop);
      return f.id.startsWith('notice-') && f.value === 'Perhekeskuksen aukioloajat iltaisin';
    });
    await expectNoAxeViolations(laptop, 'board with a rescued composer draft');
    await notice.getByRole('button', { name: 'Close' }).click();
  });

  await step('when the note the participant is on is deleted, focus moves to the next note and it is said', async () => {
    await postNote(facilitator, D, 'Ensimmäinen lappu');
    await postNote(facilitator, D, 'Toinen lappu');
    await noteIn(laptop, D, 'Toinen lappu').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await noteIn(laptop, D, 'Ensimmäinen lappu').getByRole('button', { name: /^Comments/ }).focus();
    await deleteNote(facilitator, D, 'Ensimmäinen lappu');
    await noteIn(laptop, D, 'Ensimmäinen lappu').waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
    await eventually('focus is on the next note', async () => {
      const f = await focusInfo(laptop);
      return !f.body && f.text.includes('Toinen lappu');
    });
    await eventually('the loss is said politely', async () => (await focusNews(laptop)).includes('The note you were on was deleted.'));
  });

  await step('when the section the participant is on is deleted, focus moves to the next section’s heading and it is said', async () => {
    await noteIn(laptop, D, 'Toinen lappu').getByRole('button', { name: /^Comments/ }).focus();
    await deleteSection(facilitator, D);
    await section(laptop, D).waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
    await eventually('focus is on the next section’s heading', async () => {
      const f = await focusInfo(laptop);
      return f.tag === 'H2' && f.text === E;
    });
    await eventually('the loss is said politely', async () => (await focusNews(laptop)).includes('The section you were on was deleted.'));
  });

  const small = await openScreen(browser, PHONE, 'participant phone', errors);
  await joinFromPhone(small, TITLE, 'the phone participant', { code: board.join_code });
  await small.getByRole('button', { name: /^No group/ }).tap();

  await step('two posts made offline into a section deleted meanwhile: the status says 2 were not saved, never “all saved”', async () => {
    await small.evaluate(() => {
      window.__outboxSaid = [];
      const status = document.querySelector('p.outbox');
      new MutationObserver(() => window.__outboxSaid.push(status.textContent.trim())).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await small.context().setOffline(true);
    await small.getByText('Offline', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await postNote(small, E, 'Lappu yksi');
    await postNote(small, E, 'Lappu kaksi');
    await deleteSection(facilitator, E);
    await small.context().setOffline(false);
    await small.locator('.notices .notice').nth(1).waitFor({ timeout: 40_000 });
    const status = small.locator('p.outbox');
    await eventually('the status says what was not saved', async () => (await status.textContent())?.trim() === '2 changes were not saved; see the notices.');
    const said = await small.evaluate(() => window.__outboxSaid);
    assert(!said.includes('All your changes are saved.'), `the status said “All your changes are saved.” after a refusal: ${JSON.stringify(said)}`);
  });

  await step('going offline is said by one live region only', async () => {
    await small.context().setOffline(true);
    await small.getByText('Offline', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const voices = await small.evaluate(() =>
      [...document.querySelectorAll('[aria-live], [role="status"], [role="alert"]')]
        .filter((el) => /offline|not live/i.test(el.textContent ?? ''))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    assert(voices.length === 1, `going offline should be said once, is in ${voices.length} live regions: ${voices.join(' | ')}`);
  });

  await step('1.4.10: the two notices scroll in a bounded stack at 320×568 and 640×360, every Close button reachable', async () => {
    await small.setViewportSize({ width: 320, height: 568 });
    await expectEveryCloseReachable(small, '320×568');
    await small.setViewportSize({ width: 640, height: 360 });
    await expectEveryCloseReachable(small, '640×360 (a 1280×720 laptop at 200 %)');
  });

  await step('2.4.11: offline with two notices at 375×667 and 200 % text, no focused control is hidden under them', async () => {
    await small.setViewportSize(PHONE.viewport);
    await small.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    const hidden = [];
    const seen = new Set();
    let controls = 0;
    for (let i = 0; i < 200; i++) {
      await small.keyboard.press('Tab');
      await small.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const key = await small.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return 'body';
        if (!el.dataset.auditKey) el.dataset.auditKey = String(Math.random());
        return el.dataset.auditKey;
      });
      if (key === 'body') continue;
      if (seen.has(key)) break;
      seen.add(key);
      controls += 1;
      const shown = await focusedShows(small);
      if (!shown.ok) hidden.push(shown.what);
    }
    assert(controls > 10, `Tab should reach the board's controls, reached ${controls}`);
    assert(hidden.length === 0, `${hidden.length} of ${controls} focused controls were hidden:\n${hidden.join('\n')}`);
  });

  await step('the case material’s Show button stays on a 375 px phone’s screen at 200 % text, in English and Finnish', async () => {
    for (const [language, label] of [['English', 'Show'], ['suomi', 'Näytä']]) {
      await small.evaluate(() => {
        document.activeElement?.blur(); // the Tab walk above ended back on the skip link
        window.scrollTo(0, 0);
      });
      await small.getByRole('button', { name: language, exact: true }).tap();
      const show = small.getByRole('button', { name: label, exact: true });
      await show.waitFor();
      const box = await show.boundingBox();
      assert(box && box.x >= 0 && box.x + box.width <= 375, `the ${label} button should be on the screen, is at ${JSON.stringify(box)}`);
      await expectNoSidewaysScroll(small, `the phone at 200 % text in ${language}`);
    }
  });
}

runStory({ name: 'audit fixes', run: 'cargo test -p talkoot-tests --test browser_audit_fixes' }, tell);
