import { describe, expect, it } from 'vitest';
import { countdownState, formatCountdown, passedMoment, remainingMs, secondsLeft } from './countdown';

describe('what is left', () => {
  it('counts a running timer down against the server clock', () => {
    const timer = { state: 'running', ends_at: 100_000 } as const;
    expect(remainingMs(timer, 40_000)).toBe(60_000);
    expect(countdownState(timer, 40_000)).toBe('running');
  });

  it('keeps a paused timer where it stopped, whatever the time', () => {
    const timer = { state: 'paused', remaining_ms: 12_345 } as const;
    expect(remainingMs(timer, 0)).toBe(12_345);
    expect(remainingMs(timer, 10 ** 12)).toBe(12_345);
    expect(countdownState(timer, 10 ** 12)).toBe('paused');
  });

  it('stops at zero once the end has passed', () => {
    const timer = { state: 'running', ends_at: 100_000 } as const;
    expect(remainingMs(timer, 100_000)).toBe(0);
    expect(remainingMs(timer, 250_000)).toBe(0);
    expect(countdownState(timer, 100_000)).toBe('expired');
  });
});

describe('formatting', () => {
  it('rounds up to whole seconds, so 00:00 is only the end', () => {
    expect(secondsLeft(1)).toBe(1);
    expect(secondsLeft(1000)).toBe(1);
    expect(secondsLeft(1001)).toBe(2);
    expect(secondsLeft(-5)).toBe(0);
    expect(formatCountdown(200)).toBe('00:01');
    expect(formatCountdown(0)).toBe('00:00');
  });

  it('writes mm:ss, and h:mm:ss from an hour up', () => {
    expect(formatCountdown(5 * 60_000)).toBe('05:00');
    expect(formatCountdown(59 * 60_000 + 59_000)).toBe('59:59');
    expect(formatCountdown(60 * 60_000)).toBe('1:00:00');
    expect(formatCountdown(8 * 3_600_000 - 1000)).toBe('7:59:59');
  });
});

describe('moments to announce', () => {
  it('tells of one minute left once, when the countdown passes it', () => {
    expect(passedMoment(61, 60)).toBe('one_minute');
    expect(passedMoment(75, 59)).toBe('one_minute');
    expect(passedMoment(60, 59)).toBeNull();
    expect(passedMoment(300, 299)).toBeNull();
  });

  it('tells of the end once, also when the last second was skipped', () => {
    expect(passedMoment(1, 0)).toBe('time_up');
    expect(passedMoment(3, 0)).toBe('time_up');
    expect(passedMoment(0, 0)).toBeNull();
  });

  it('says nothing when time is added', () => {
    expect(passedMoment(0, 60)).toBeNull();
    expect(passedMoment(30, 90)).toBeNull();
  });
});
