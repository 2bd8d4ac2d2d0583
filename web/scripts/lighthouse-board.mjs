// Lighthouse's mobile audit of a participant's board (docs/performance.md, "The web app's first
// load"). Lighthouse is not a dependency of the app: install it in a scratch directory outside
// the repository, copy this file there and run it from there:
//
//   mkdir -p /tmp/lh && cd /tmp/lh && npm i lighthouse && cp <repo>/web/scripts/lighthouse-board.mjs .
//   CHROME_PATH=/usr/bin/chromium node lighthouse-board.mjs http://127.0.0.1:8080 report.json \
//     [throttling method: simulate (default) | devtools] [CPU slowdown, default 4]
//
// The board needs the participant token that joining leaves in localStorage, and Lighthouse
// clears a site's storage before it loads a page. So:
// 1. POST /api/boards (a Finnish board with case text and three sections), POST /api/join;
// 2. in a fresh Chromium, on a page of the same origin that is not the app (/api/health, plain
//    JSON: no script, no service worker, nothing of the app in the HTTP cache), write the token
//    under the keys web/src/access/credentials.ts reads, as the join form would;
// 3. Lighthouse loads #/b/<board> in that browser with storage reset off.
// The page load measured is then the one of a phone that joined and opens its board cold.

import { writeFileSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { throttling } from 'lighthouse/core/config/constants.js';
import puppeteer from 'puppeteer-core';

const [base, out, throttlingMethod, cpuSlowdown] = process.argv.slice(2);
if (!base || !out) throw new Error('usage: node lighthouse-board.mjs <server URL> <report.json> [simulate|devtools] [CPU slowdown]');
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function post(path, body) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status}`);
  return response.json();
}

const board = await post('/api/boards', {
  title: 'Nuorten palvelut 2026',
  description: 'Asiakastapaus: Aino, 17, asuu isänsä kanssa.\nHän on lopettanut koulunkäynnin.',
  language: 'fi',
  sections: [
    { title: 'Nuorten psykososiaalinen tuki', colour: 'blue' },
    { title: 'Ikäihmisten palvelut', colour: 'green' },
    { title: 'Muut ajatukset', colour: 'yellow' },
  ],
});
const joined = await post('/api/join', { code: board.join_code, name: 'Anna' });

const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH, chromeFlags: CHROME_FLAGS });
try {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const page = await browser.newPage();
  await page.goto(`${base}/api/health`);
  await page.evaluate(
    (boardId, token, participantId, code) => {
      localStorage.setItem(`talkoot.participant.${boardId}`, JSON.stringify({ token, participant_id: participantId }));
      localStorage.setItem(`talkoot.join_code.${boardId}`, code);
      localStorage.setItem(`talkoot.board_for_code.${code}`, boardId);
    },
    board.board_id,
    joined.token,
    joined.participant_id,
    board.join_code,
  );
  await page.close();
  await browser.disconnect();

  const result = await lighthouse(`${base}/#/b/${board.board_id}`, {
    port: chrome.port,
    output: 'json',
    onlyCategories: ['performance'],
    disableStorageReset: true,
    ...(throttlingMethod ? { throttlingMethod } : {}),
    ...(cpuSlowdown ? { throttling: { ...throttling.mobileSlow4G, cpuSlowdownMultiplier: Number(cpuSlowdown) } } : {}),
  });
  writeFileSync(out, result.report);
  const { categories, audits } = result.lhr;
  console.log(
    `performance ${Math.round(categories.performance.score * 100)}, CLS ${audits['cumulative-layout-shift'].numericValue.toFixed(3)}`,
  );
} finally {
  chrome.kill();
}
