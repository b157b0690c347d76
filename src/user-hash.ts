/**
 * Keyed hash of LINE user IDs: the only form in which a user id may appear in logs. The store
 * also keeps it with unanswered questions to count distinct askers, but what staff see carries
 * neither the id nor the hash, only counts. HMAC, so the hash cannot be reversed by hashing
 * guessed ids without the key.
 */
import { createHmac } from "node:crypto";

/** A function from a LINE user id to a short, stable, keyed hash (`u_` + 16 hex digits). */
export type UserHasher = (userId: string) => string;

/** Creates the hasher for a secret key (config.userHashKey). */
export function createUserHasher(key: string): UserHasher {
  return (userId) => `u_${createHmac("sha256", key).update(userId).digest("hex").slice(0, 16)}`;
}
