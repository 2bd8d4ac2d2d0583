// Lighthouse's accessibility and performance scores for three pages of a running talkoot
// server, in Debian's Chromium with Lighthouse's default mobile emulation (a Moto G Power sized
// screen, simulated slow 4G and a 4× slower CPU): the landing page, a participant's board in the
// private writing phase, and the projector. A measurement, not a test: it prints the scores and
// exits 0 whatever they are.
//
//   node lighthouse.mjs http://127.0.0.1:8080 [runs]
//
// Before measuring, a browser profile is prepared with playwright-core: a board from the
// template "Palveluverkko tutuksi", its writing phase started by the facilitator, a participant
// joined at a group with a note of their own, and the projector link opened once, so that
// Lighthouse loads each page as a returning phone or the venue PC would. Each page is measured
// `runs` times (default 3) and the median score is reported, with every run's.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.TALKOOT_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const base = (process.argv[2] ?? '').replace(/\/+$/, '');
const runs = Number(process.argv[3] ?? 3);
if (!base) {
  console.error('usage: node lighthouse.mjs <talkoot address, e.g. http://127.0.0.1:8080> [runs]');
  process.exit(2);
}

async function api(path, body) {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

/** The board, and a profile in which a participant and the projector have opened it. */
async function prepare(profile) {
  const templates = await (await fetch(`${base}/api/templates`)).json();
  const request = templates.find((t) => t.kind === 'service_network' && t.language === 'fi').board;
  const board = await api('/api/boards', request);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const facilitator = await (await browser.newContext()).newPage();
  await facilitator.goto(`${base}/#/b/${board.board_id}/f/${encodeURIComponent(board.facilitator_key)}`);
  await facilitator.getByRole('button', { name: /^2\. / }).click();
  await browser.close();

  const phone = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS });
  const page = phone.pages()[0] ?? (await phone.newPage());
  await page.goto(`${base}/#/join/${board.join_code}`);
  await page.getByLabel(/^Nimesi/).fill('Sanna');
  await page.getByRole('button', { name: 'Liity', exact: true }).click();
  await page.getByRole('button', { name: /^Sosiaalityö/ }).first().click();
  await page.getByRole('textbox', { name: /Uusi muistilappu/ }).first().fill('Kotiutuksesta tieto sosiaalityöhön samana päivänä');
  await page.getByRole('button', { name: 'Lähetä', exact: true }).first().click();
  await page.getByText('Tallennettu', { exact: false }).first().waitFor();
  await page.goto(`${base}/#/b/${board.board_id}/p/${encodeURIComponent(board.projector_key)}`);
  await page.waitForURL(/\/projector$/);
  await phone.close();
  return board;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const profile = await mkdtemp(join(tmpdir(), 'talkoot-lighthouse-'));
try {
  const board = await prepare(profile);
  const pages = [
    ['landing page', `${base}/`],
    ['participant board, writing phase', `${base}/#/b/${board.board_id}`],
    ['projector', `${base}/#/b/${board.board_id}/projector`],
  ];
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS, userDataDir: profile });
  try {
    for (const [name, url] of pages) {
      const scores = { accessibility: [], performance: [] };
      const failed = new Set();
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['accessibility', 'performance'] });
        const { categories, audits } = result.lhr;
        scores.accessibility.push(Math.round(categories.accessibility.score * 100));
        scores.performance.push(Math.round(categories.performance.score * 100));
        for (const ref of categories.accessibility.auditRefs) {
          if (ref.weight > 0 && audits[ref.id].score !== 1) failed.add(`${ref.id}: ${audits[ref.id].title}`);
        }
        const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
        console.log(`  ${name} run ${i + 1}: ${metrics.map((m) => `${m} ${audits[m].displayValue}`).join(', ')}`);
      }
      console.log(
        `${name}: accessibility ${median(scores.accessibility)} (runs ${scores.accessibility.join(', ')}), performance ${median(scores.performance)} (runs ${scores.performance.join(', ')})`,
      );
      for (const f of failed) console.log(`    accessibility audit not passed: ${f}`);
    }
  } finally {
    chrome.kill();
  }
} finally {
  await rm(profile, { recursive: true, force: true });
}
