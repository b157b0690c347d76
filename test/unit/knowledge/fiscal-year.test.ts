/**
 * The 和暦 label of a fiscal year comes from a table of the modern eras (no ICU calendar at
 * start-up); it must say what ICU's Japanese calendar says for 1 July of every year.
 */
import { describe, expect, it, vi } from "vitest";
import { parseFiscalYear, warekiLabel } from "../../../src/knowledge/fiscal-year.js";

const icu = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "long",
  year: "numeric",
  timeZone: "Asia/Tokyo",
});
const icuLabel = (year: number) => `${icu.format(Date.UTC(year, 6, 1)).replace(/^(\D+)1年$/, "$1元年")}度`;

describe("warekiLabel", () => {
  it("says what ICU's Japanese calendar says for 1 July of every year from 1850 to 2200", () => {
    const differ: string[] = [];
    for (let y = 1850; y <= 2200; y++)
      if (warekiLabel(y) !== icuLabel(y)) differ.push(`${y}: ${warekiLabel(y)} ≠ ${icuLabel(y)}`);
    expect(differ).toEqual([]);
  });

  it("labels the catalogue's years and the era changes as residents read them", () => {
    expect(warekiLabel(2020)).toBe("令和2年度");
    expect(warekiLabel(2019)).toBe("令和元年度");
    expect(warekiLabel(2018)).toBe("平成30年度");
    expect(warekiLabel(1989)).toBe("平成元年度");
    expect(warekiLabel(1912)).toBe("明治45年度");
    expect(warekiLabel(1913)).toBe("大正2年度");
    expect(parseFiscalYear(warekiLabel(2031))).toBe(2031);
  });

  it("creates no ICU calendar to label a modern year (that was 15–60 ms of every cold start)", async () => {
    vi.resetModules();
    const Real = Intl.DateTimeFormat;
    let created = 0;
    Intl.DateTimeFormat = class extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        created++;
      }
    } as typeof Real;
    try {
      const fresh = await import("../../../src/knowledge/fiscal-year.js");
      expect(fresh.warekiLabel(2020)).toBe("令和2年度");
      expect(created).toBe(0);
      // Years before the table still get ICU's answer.
      expect(fresh.warekiLabel(1860)).toBe(icuLabel(1860));
      expect(created).toBe(1);
    } finally {
      Intl.DateTimeFormat = Real;
    }
  });
});
