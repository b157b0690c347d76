/**
 * What a handler works with: the bot's dependencies (received, never imported), and the
 * per-event context — who wrote, their profile (null in degraded mode or group chats), the
 * text-size preset, and a profile updater that survives a failing store.
 */
import type { Catalogue } from "../knowledge/load.js";
import type { Offices } from "../knowledge/offices.js";
import type { WardRegistry } from "../knowledge/wards.js";
import type { Messenger } from "../line/messenger.js";
import type { Logger } from "../logging.js";
import type { SearchEngine } from "../search/types.js";
import type { Profile, ProfilePatch, Store } from "../store/port.js";
import type { UserHasher } from "../user-hash.js";
import type { TextStyle } from "../replies/flex/parts.js";

export interface BotDeps {
  store: Store;
  messenger: Messenger;
  search: SearchEngine;
  catalogue: Catalogue;
  offices: Offices;
  /** The wards (names, slugs, readings) from knowledge/gazetteer.json. */
  wards: WardRegistry;
  logger: Logger;
  hashUser: UserHasher;
  /** Epoch milliseconds. */
  clock: () => number;
}

export interface Ctx {
  deps: BotDeps;
  /** The LINE user id of the sender, when the source carries one. */
  userId: string | null;
  /** Keyed hash of userId for logs and staff data. */
  userHash: string | null;
  /** A one-to-one chat (source.type === "user"): only there are settings read and written. */
  personal: boolean;
  profile: Profile | null;
  /** The store failed for this event: answer what can be answered without it. */
  degraded: boolean;
  now: number;
  style: TextStyle;
  /** The event's logger (its lines carry the event id, the sender's hash and the event type). */
  readonly log: Logger;
  /** Whether `log` has been used (its child logger made). */
  readonly logged: boolean;
  /** Applies a patch to the profile; returns null (and marks the context degraded) if the store fails. */
  updateProfile(patch: ProfilePatch): Promise<Profile | null>;
}
