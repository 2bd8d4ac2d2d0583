import { describe, expect, it } from 'vitest';
import { ServerClock } from './server-clock';

describe('ServerClock', () => {
  it('reads the server’s time on a device whose clock is minutes off', () => {
    let local = 1_000_000;
    const clock = new ServerClock(() => local);
    expect(clock.offsetMs).toBeNull();
    clock.observe(1_000_000 + 5 * 60_000); // the phone is five minutes behind
    local += 1_500;
    expect(clock.now()).toBe(1_000_000 + 5 * 60_000 + 1_500);
    clock.observe(local - 3 * 60_000); // a new welcome: now it is three minutes ahead
    expect(clock.offsetMs).toBe(-3 * 60_000);
    expect(clock.now()).toBe(local - 3 * 60_000);
  });
});
