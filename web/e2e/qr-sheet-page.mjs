// The facilitator's printable sheet of join QR codes (`#/b/<board>/qr`): a page with the
// board's own code, then one page per group.

import { section } from './board-page.mjs';
import { readQr } from './qr-image.mjs';
import { LIVE_TIMEOUT_MS, eventually } from './story.mjs';

/** The sheet's pages: the board's own first, then one per group. */
export const sheetPages = (page) => page.locator('main section');

/**
 * From the facilitator's open board titled `title`, follows "Print QR codes for the tables" by
 * keyboard and waits until the sheet has its first page and one per each of `groupCount` groups.
 */
export async function openQrSheet(page, title, groupCount) {
  const link = page.getByRole('link', { name: 'Print QR codes for the tables' });
  await link.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: `QR codes for the tables: ${title}` }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  await eventually('every page of the sheet is there', async () => (await sheetPages(page).count()) === 1 + groupCount);
}

/** What the QR code on the sheet's page headed `heading` (a group's title, or "Join the workshop") says, read from its pixels. */
export async function readSheetQr(page, heading) {
  const img = section(page, heading).getByRole('img');
  await eventually(`the QR code of "${heading}" has loaded`, () => img.evaluate((el) => el.complete && el.naturalWidth > 0));
  return readQr(img);
}
