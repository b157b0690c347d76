/**
 * Keyed hash of LINE user IDs: the only form in which a user id may appear in logs (staff
 * data such as unanswered questions carries neither the id nor the hash). HMAC, so the hash
 * cannot be reversed by hashing guessed ids without the key.
 */
import { createHmac } from "node:crypto";

/** A function from a LINE user id to a short, stable, keyed hash (`u_` + 16 hex digits). */
export type UserHasher = (userId: string) => string;

/** Creates the hasher for a secret key (config.userHashKey). */
export function createUserHasher(key: string): UserHasher {
  return (userId) => `u_${createHmac("sha256", key).update(userId).digest("hex").slice(0, 16)}`;
}
