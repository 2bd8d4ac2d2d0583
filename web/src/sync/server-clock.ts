/**
 * The server's clock as this device can tell it. A phone's own clock can be minutes wrong, so
 * the timer counts down against the server: each `welcome` says what the server's clock read
 * when it was sent, and the difference to the local clock at arrival is kept. The message's
 * travel time (milliseconds on a room's wifi) is the only error left.
 */
export class ServerClock {
  #offsetMs: number | null = null;
  readonly #localNow: () => number;

  constructor(localNow: () => number = Date.now) {
    this.#localNow = localNow;
  }

  /** A message stamped `serverTime` just arrived. */
  observe(serverTime: number): void {
    this.#offsetMs = serverTime - this.#localNow();
  }

  /** How far the server's clock is ahead of this device's; null until a welcome is seen. */
  get offsetMs(): number | null {
    return this.#offsetMs;
  }

  /** Milliseconds since the Unix epoch on the server's clock, now (the local clock until a welcome). */
  now(): number {
    return this.#localNow() + (this.#offsetMs ?? 0);
  }
}
