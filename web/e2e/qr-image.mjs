// Reads a QR code the way a phone would: from the pixels Chromium drew for an <img>, with
// jsQR (a real decoder), not from the SVG's source.

import jsQR from 'jsqr';
import { assert } from './story.mjs';

/** What the QR code in `img` (a Playwright locator) says. */
export async function readQr(img) {
  const { width, height, pixels } = await img.evaluate(async (el) => {
    await el.decode();
    // Four pixels a module or so, like a phone camera at arm's length.
    const width = 240;
    const height = 240;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(el, 0, 0, width, height);
    return { width, height, pixels: Array.from(context.getImageData(0, 0, width, height).data) };
  });
  const found = jsQR(Uint8ClampedArray.from(pixels), width, height);
  assert(found, 'no QR code could be read from the image');
  return found.data;
}
