/**
 * Where phones reach this server, as reactive state: the server's `--public-url`, asked for once
 * per page load (`GET /api/instance`), and this page's own origin until then or when it is not
 * set. Components use `readable` for the "join at …" text (the QR codes are drawn by the server,
 * join link and all), and `unreachableFromPhones` to warn when the address is this computer's own.
 */

import { fetchInstance } from '../api/http-api';
import type { InstanceInfo } from '../protocol/generated';
import { isLoopbackAddress, joinBase, readableAddress } from './join-address';

export class PublicAddress {
  /** `--public-url`, once the server has said; `null` while unknown or not set. */
  publicUrl = $state<string | null>(null);

  readonly #origin: () => string;
  readonly #fetch: () => Promise<InstanceInfo>;
  #loading: Promise<void> | null = null;

  constructor(origin: () => string, fetch: () => Promise<InstanceInfo>) {
    this.#origin = origin;
    this.#fetch = fetch;
  }

  /** Asks the server once; later calls share the answer. Offline, the page's origin stands in. */
  load(): Promise<void> {
    this.#loading ??= this.#fetch().then(
      (info) => {
        this.publicUrl = info.public_url;
      },
      () => {},
    );
    return this.#loading;
  }

  /** `scheme://host[:port]/` that phones open. */
  get base(): string {
    return joinBase(this.publicUrl, this.#origin());
  }

  /** The base as people read and type it, e.g. `talkoot.example.fi`. */
  get readable(): string {
    return readableAddress(this.base);
  }

  /** The address is this computer's own, so no phone can open it. */
  get unreachableFromPhones(): boolean {
    return isLoopbackAddress(this.base);
  }
}

export const publicAddress = new PublicAddress(() => location.origin, fetchInstance);
