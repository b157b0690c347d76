/** When the scheduled job rebuilds: only when the stored index misses a change (pure, from the state document). */
import { describe, expect, it } from "vitest";
import { indexIsStale } from "../../../src/catalogue/rebuild.js";

const state = (revision: number, indexVersion: string | null, currentYear: number | null = 2021) => ({
  revision,
  indexVersion,
  currentYear,
});

describe("indexIsStale", () => {
  it("an index built from revision R and named (R+1) is current; any later change makes it stale", () => {
    expect(indexIsStale(state(8, "2021-r7-mabc-1234abcd"))).toBe(false);
    expect(indexIsStale(state(9, "2021-r7-mabc-1234abcd"))).toBe(true);
  });

  it("a change made while the index was built leaves it stale", () => {
    // Built from 7, an edit made it 8 during the build, naming made it 9.
    expect(indexIsStale(state(9, "2021-r7-mabc-1234abcd"))).toBe(true);
  });

  it("the committed index matches only the freshly seeded store; an old-format version is rebuilt once", () => {
    expect(indexIsStale(state(1, null, 2020))).toBe(false);
    expect(indexIsStale(state(2, null, 2021))).toBe(true);
    expect(indexIsStale(state(5, "2021-mabc-1234abcd"))).toBe(true);
    expect(indexIsStale(state(0, null, null))).toBe(false);
  });
});
