/**
 * The countdown as every screen shows it: what is left of the facilitator's timer against the
 * server's clock (`LiveBoard.serverNow()`), in whole seconds rounded up so that "00:00" means
 * the time is up, and the two moments a screen reader hears about (one minute left, and zero).
 */

import type { Timer } from '../protocol/generated';

export type CountdownState = 'running' | 'paused' | 'expired';

/** Milliseconds left on `timer` at server time `now`; never below zero. */
export function remainingMs(timer: Timer, now: number): number {
  return timer.state === 'paused' ? timer.remaining_ms : Math.max(0, timer.ends_at - now);
}

export function countdownState(timer: Timer, now: number): CountdownState {
  if (timer.state === 'paused') return 'paused';
  return remainingMs(timer, now) > 0 ? 'running' : 'expired';
}

/** Whole seconds left, rounded up: 0.2 s left still shows as a second. */
export function secondsLeft(ms: number): number {
  return Math.ceil(Math.max(0, ms) / 1000);
}

/** `mm:ss`, or `h:mm:ss` from an hour up (a timer may run a workshop day). */
export function formatCountdown(ms: number): string {
  const total = secondsLeft(ms);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** What is said aloud as the countdown passes a moment worth hearing. */
export type CountdownMoment = 'one_minute' | 'time_up';

/**
 * The moment passed between two looks at the countdown (seconds left before and now), if any.
 * A timer started or extended with a minute or less left is not "one minute left" news, but
 * reaching zero always is, as long as there was time left before.
 */
export function passedMoment(before: number, now: number): CountdownMoment | null {
  if (before > 0 && now === 0) return 'time_up';
  if (before > 60 && now <= 60 && now > 0) return 'one_minute';
  return null;
}
