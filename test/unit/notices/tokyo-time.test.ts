/** Tokyo wall-clock parsing and formatting, independent of the server's time zone. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { eraYear, formatEventTime, parseTokyoDateTime } from "../../../src/time/tokyo-time.js";

describe("tokyo time", () => {
  it("reads wall-clock input as Tokyo time whatever the server zone", () => {
    expect(new Date(parseTokyoDateTime("2026-12-05T10:00") as number).toISOString()).toBe(
      "2026-12-05T01:00:00.000Z",
    );
    expect(parseTokyoDateTime("2026-12-05T10:00+09:00")).toBe(parseTokyoDateTime("2026-12-05T01:00Z"));
  });

  it("refuses impossible and malformed dates instead of rolling them over", () => {
    for (const bad of [
      "2026-02-30T10:00",
      "2026-13-01T10:00",
      "2026-12-05",
      "12/5 10:00",
      "2026-12-05T25:00",
      "",
    ]) {
      expect(parseTokyoDateTime(bad), bad).toBeNull();
    }
  });

  it("formats 「12月5日(土) 10:00〜12:00」 with weekday, other-day ends and open ends", () => {
    const s = parseTokyoDateTime("2026-12-05T10:00") as number;
    expect(formatEventTime(s, parseTokyoDateTime("2026-12-05T12:00"))).toBe("12月5日(土) 10:00〜12:00");
    expect(formatEventTime(s, parseTokyoDateTime("2026-12-06T09:30"))).toBe(
      "12月5日(土) 10:00〜12月6日(日) 09:30",
    );
    expect(formatEventTime(s, null)).toBe("12月5日(土) 10:00〜");
    expect(formatEventTime(s, null, { era: true })).toBe("令和8年12月5日(土) 10:00〜");
  });

  it("names the era, including the first year and the switch on 2019-05-01", () => {
    expect(eraYear(parseTokyoDateTime("2026-01-01T00:00") as number)).toBe("令和8年");
    expect(eraYear(parseTokyoDateTime("2019-05-01T00:00") as number)).toBe("令和元年");
    expect(eraYear(parseTokyoDateTime("2019-04-30T23:59") as number)).toBe("平成31年");
    expect(eraYear(parseTokyoDateTime("2020-04-01T00:00") as number)).toBe("令和2年");
  });

  it("round-trips any minute between 2020 and 2040 and agrees with Intl's Japanese calendar", () => {
    const era = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
      era: "long",
      year: "numeric",
      timeZone: "Asia/Tokyo",
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }), (raw) => {
        const ms = raw - (raw % 60_000);
        const local = new Date(ms + 9 * 3600_000).toISOString().slice(0, 16);
        expect(parseTokyoDateTime(local)).toBe(ms);
        expect(eraYear(ms)).toBe(era.format(ms).replace(/^令和1年$/, "令和元年"));
      }),
      { numRuns: 300 },
    );
  });
});
