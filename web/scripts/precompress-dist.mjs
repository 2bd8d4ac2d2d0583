// Writes a Brotli (name.br) and a gzip (name.gz) copy next to every compressible file in dist/,
// so that the server can send them as they are (server/src/http/assets.rs) instead of
// compressing on every request or not at all. A copy is kept only when it is smaller than the
// file itself; the server serves the plain file when there is none.

import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Text formats; images, fonts and archives are already compressed. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.webmanifest', '.txt', '.map', '.xml']);

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const encoders = {
  br: (data) =>
    brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gz: (data) => gzipSync(data, { level: constants.Z_BEST_COMPRESSION }),
};

const lines = [];
for (const path of [...files(dist)]) {
  if (!COMPRESSIBLE.has(extname(path))) continue;
  const data = readFileSync(path);
  const sizes = [`${data.length} B`];
  for (const [suffix, encode] of Object.entries(encoders)) {
    const encoded = encode(data);
    if (encoded.length < data.length) {
      writeFileSync(`${path}.${suffix}`, encoded);
      sizes.push(`${suffix} ${encoded.length} B`);
    }
  }
  lines.push(`  ${relative(dist, path)}: ${sizes.join(', ')}`);
}
console.log(`precompressed dist/:\n${lines.join('\n')}`);
