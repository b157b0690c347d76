/** The keyed user hash: stable, keyed, and the same whether or not it was remembered. */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUserHasher, USER_HASH_CACHE } from "../../../src/user-hash.js";

const expected = (key: string, id: string): string =>
  `u_${createHmac("sha256", key).update(id).digest("hex").slice(0, 16)}`;
const user = (n: number): string => `U${n.toString(16).padStart(32, "0")}`;

describe("createUserHasher", () => {
  it("gives the keyed HMAC, the same on every call, past the remembered bound too", () => {
    const hash = createUserHasher("key-one-0123456789");
    const other = createUserHasher("key-two-0123456789");
    expect(hash(user(1))).toBe(expected("key-one-0123456789", user(1)));
    expect(other(user(1))).not.toBe(hash(user(1)));
    // More residents than it remembers, then the first ones again (forgotten, hashed anew).
    for (let i = 0; i < USER_HASH_CACHE + 10; i++)
      expect(hash(user(i))).toBe(expected("key-one-0123456789", user(i)));
    for (let i = 0; i < 20; i++) expect(hash(user(i))).toBe(expected("key-one-0123456789", user(i)));
    expect(hash(user(1))).toMatch(/^u_[0-9a-f]{16}$/);
  });
});
