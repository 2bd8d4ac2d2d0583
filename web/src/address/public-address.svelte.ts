/**
 * Where phones reach this server, as reactive state: the server's `--public-url`, asked for once
 * per page load (`GET /api/instance`), and this page's own origin until then or when it is not
 * set. Components use `joinAddress()` for the "join at …" text and QR links, and
 * `unreachableFromPhones` to warn when the address is this computer's own.
 */

import { fetchInstance } from '../api/http-api';
import type { InstanceInfo, SectionId } from '../protocol/generated';
import { isLoopbackAddress, joinAddressAt, joinBase, readableAddress } from './join-address';

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

  /** The link to join with `code`, into `group`'s table when given. */
  joinAddress(code: string, group?: SectionId | null): string {
    return joinAddressAt(this.base, code, group);
  }

  /** The address is this computer's own, so no phone can open it. */
  get unreachableFromPhones(): boolean {
    return isLoopbackAddress(this.base);
  }
}

export const publicAddress = new PublicAddress(() => location.origin, fetchInstance);

/** The link that joins the board with `code` (into `group`'s table), at the address phones use. */
export function joinAddress(code: string, group?: SectionId | null): string {
  return publicAddress.joinAddress(code, group);
}
