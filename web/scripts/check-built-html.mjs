// Fails the build if dist/index.html holds anything the server's Content-Security-Policy
// (script-src 'self'; style-src 'self') would block: inline scripts, <style> blocks, style
// attributes or inline event handlers. Better to hear it here than from a blank page.

import { readFileSync } from 'node:fs';

const path = new URL('../dist/index.html', import.meta.url);
const html = readFileSync(path, 'utf8');
const problems = [];

for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (!/\bsrc=/.test(attrs) || body.trim()) problems.push(`inline <script${attrs}>`);
}
if (/<style\b/i.test(html)) problems.push('a <style> element');
if (/\sstyle\s*=/i.test(html)) problems.push('a style="…" attribute');
if (/\son[a-z]+\s*=/i.test(html)) problems.push('an inline on…= event handler');

if (problems.length > 0) {
  console.error(`dist/index.html would break under the CSP: ${problems.join(', ')}`);
  process.exit(1);
}
console.log('dist/index.html: no inline scripts or styles');
