// The facilitator's kooste download: open the export menu, pick a format, and read the file
// the browser saved. The key goes in a header; these helpers also check it never went into a URL.

import { readFile } from 'node:fs/promises';
import { assert } from './story.mjs';

/** Downloads the kooste in `format` ('Markdown', 'Printable page', …) from the open board. */
export async function downloadKooste(facilitator, buttonName, { includeNames = false } = {}) {
  const panel = facilitator.locator('#export-panel');
  if (!(await panel.isVisible())) await facilitator.getByRole('button', { name: 'Download the summary' }).click();
  const names = panel.getByRole('checkbox', { name: 'Include participants’ names' });
  if ((await names.isChecked()) !== includeNames) await names.setChecked(includeNames);
  const [download] = await Promise.all([
    facilitator.waitForEvent('download'),
    panel.getByRole('button', { name: buttonName, exact: true }).click(),
  ]);
  const path = await download.path();
  assert(path, `the ${buttonName} download was saved`);
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Records every URL `page` asks for, to check that no secret went into one. */
export function recordRequestUrls(page) {
  const urls = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}
