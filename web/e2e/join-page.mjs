// Joining a board from a phone, as a participant does: the join form opened at an address (a
// QR code's `#/join/<code>`, a table's `#/join/<code>/g/<section>`) or the code typed into the
// landing page key by key, a name if they give one, and one tap on Join.

import { expectBoardLive } from './board-page.mjs';
import { BASE } from './server-address.mjs';

/**
 * Opens the join form and fills it in: at `address` (a QR code's, as read), at the join
 * address of `code` (a table's with `group`), or, `typed`, on the landing page with the code
 * typed in. `name`, if given, goes in the name field the same way.
 */
export async function fillJoinForm(page, { code = '', group = null, address = null, typed = false, name = null }) {
  if (typed) {
    await page.goto(`${BASE}/`);
    const field = page.getByLabel('Join code');
    await field.click();
    await field.pressSequentially(code.replace(/\D/g, ''));
  } else {
    await page.goto(address ?? `${BASE}/#/join/${code.replace(/\D/g, '')}${group ? `/g/${group}` : ''}`);
  }
  if (name) {
    const field = page.getByLabel(/Your name/);
    if (typed) {
      await field.click();
      await field.pressSequentially(name);
    } else {
      await field.fill(name);
    }
  }
}

/** Taps Join on a filled-in join form; the board titled `title` opens, live. */
export async function tapJoin(page, title, who) {
  await page.getByRole('button', { name: 'Join', exact: true }).tap();
  await expectBoardLive(page, title, who);
}

/** A phone joins the board titled `title`: `fillJoinForm(page, form)`, then `tapJoin`. */
export async function joinFromPhone(page, title, who, form) {
  await fillJoinForm(page, form);
  await tapJoin(page, title, who);
}
