/**
 * UUIDv7 ids (RFC 9562) for ops, notes and sections. The server dedupes resent ops by id and
 * keeps ids in its op log, so they must be unique across devices; the time prefix makes ids made
 * later sort later, which keeps logs and indexes in creation order.
 */

export type Clock = () => number;
export type RandomFill = (bytes: Uint8Array) => void;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Makes a generator. Within one millisecond the 12 `rand_a` bits count up (RFC 9562 method 1),
 * so ids made in a burst still sort in the order they were made; a clock that steps back is
 * treated as standing still for the same reason.
 */
export function uuidv7Generator(
  now: Clock = Date.now,
  fill: RandomFill = (bytes) => crypto.getRandomValues(bytes),
): () => string {
  let lastMs = -1;
  let counter = 0;
  return () => {
    const random = new Uint8Array(10);
    fill(random);
    let ms = Math.max(now(), lastMs);
    if (ms === lastMs) {
      counter += 1;
      if (counter > 0xfff) {
        // 4096 ids in one millisecond: borrow the next millisecond rather than repeat.
        ms += 1;
        counter = random[0]! & 0x3ff;
      }
    } else {
      // Start low in the range so a burst has room to count up.
      counter = ((random[0]! << 8) | random[1]!) & 0x3ff;
    }
    lastMs = ms;

    const bytes = new Uint8Array(16);
    // 48-bit big-endian milliseconds; Math.floor division because bit operators are 32-bit.
    let t = ms;
    for (let i = 5; i >= 0; i--) {
      bytes[i] = t % 256;
      t = Math.floor(t / 256);
    }
    bytes[6] = 0x70 | (counter >> 8); // version 7
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | (random[2]! & 0x3f); // RFC 4122 variant
    bytes.set(random.subarray(3, 10), 9);

    let s = '';
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
      s += HEX[bytes[i]!];
    }
    return s;
  };
}

/** The app's generator. */
export const uuidv7 = uuidv7Generator();
