/**
 * Stand-ins for the browser around a Connection (socket, timers, network), for unit tests: the
 * test plays the server by reading what the client sent and pushing frames back.
 */

import type { ClientMsg, ServerMsg } from '../protocol/generated';
import type { NetworkWatch, SocketLike, Timers } from './connection';

export class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  readonly sent: ClientMsg[] = [];
  closedByClient = false;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(data) as ClientMsg);
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }

  /** The server accepts the connection. */
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  /** The server sends a message. */
  receive(msg: ServerMsg): void {
    this.onmessage?.({ data: JSON.stringify(msg) } as MessageEvent);
  }

  /** The network or the server drops the connection. */
  drop(): void {
    this.closeWith(1006);
  }

  /** The server closes the connection with a close code. */
  closeWith(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }

  /** The ops sent on this socket, in order. */
  ops(): Extract<ClientMsg, { type: 'op' }>[] {
    return this.sent.filter((m): m is Extract<ClientMsg, { type: 'op' }> => m.type === 'op');
  }
}

/** Every socket a Connection opened, newest last. */
export class FakeSockets {
  readonly all: FakeSocket[] = [];
  readonly open = (url: string): SocketLike => {
    const s = new FakeSocket(url);
    this.all.push(s);
    return s;
  };

  get last(): FakeSocket {
    const s = this.all.at(-1);
    if (!s) throw new Error('no socket was opened');
    return s;
  }
}

/** Timers that run only when the test moves the clock. */
export class FakeTimers implements Timers {
  now = 0;
  #next = 1;
  #due = new Map<number, { at: number; fn: () => void }>();

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#due.set(id, { at: this.now + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#due.delete(handle as number);
  }

  /** Delays of the timers still pending, soonest first. */
  pendingDelays(): number[] {
    return [...this.#due.values()].map((t) => t.at - this.now).sort((a, b) => a - b);
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const next = [...this.#due.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.#due.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
    }
    this.now = until;
  }
}

export class FakeNetwork implements NetworkWatch {
  #online = true;
  #listeners = new Set<() => void>();

  online(): boolean {
    return this.#online;
  }

  watch(changed: () => void): () => void {
    this.#listeners.add(changed);
    return () => this.#listeners.delete(changed);
  }

  set(online: boolean): void {
    this.#online = online;
    for (const l of this.#listeners) l();
  }
}
