/**
 * The production URI check (src/line/platform-limits.ts, used by staff previews, dry runs and
 * confirms) agrees with the `format: uri` check of LINE's OpenAPI schema (ajv-formats), so what
 * staff are told is sendable is what LINE accepts — and the stored form of a notice link
 * (`new URL(s).href` + RFC 3986 encoding) always passes both.
 */
import fc from "fast-check";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { describe, expect, it } from "vitest";
import { isRfc3986Uri } from "../../../src/line/platform-limits.js";
import { parseNoticeInput } from "../../../src/notices/notice.js";
import { NOW, noticeInput } from "../../helpers/notices.js";

const schemaUri = fullFormats.uri as (s: string) => boolean;

const CASES = [
  "https://www.city.kumamoto.jp/",
  "https://www.city.kumamoto.jp/お知らせ",
  "https://www.city.kumamoto.jp/a b",
  "https://example.jp/?q=x|y",
  "https://example.jp/?q=^",
  "https://example.jp/{id}",
  "https://example.jp/#frag ment",
  "https://example.jp/%E3%81%8A",
  "https://example.jp/%zz",
  "https://熊本.jp/",
  "https://example.jp/a\\b",
  "https://example.jp/`x`",
  'https://example.jp/"q"',
  "https://example.jp/<b>",
  "tel:0963282111",
  "line://nv/location",
];

describe("URI syntax, production check vs the schema's format", () => {
  it.each(CASES)("%s", (u) => {
    expect(isRfc3986Uri(u)).toBe(schemaUri(u));
  });

  it("agrees on generated URLs with odd characters inserted", () => {
    const odd = fc.constantFrom(
      " ",
      "あ",
      "|",
      "^",
      "{",
      "}",
      "`",
      "\\",
      "%",
      "%4",
      "%41",
      "[",
      "]",
      "#",
      "?",
      "~",
    );
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.array(odd, { maxLength: 3 }),
        fc.nat(),
        (url, extra, at) => {
          const i = url.length === 0 ? 0 : at % url.length;
          const u = url.slice(0, i) + extra.join("") + url.slice(i);
          // Only where the scheme part is intact (the schema's regex then judges the rest).
          if (!/^https?:\/\//.test(u)) return;
          expect(isRfc3986Uri(u)).toBe(schemaUri(u));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a link as staff type it is stored in a form both accept", () => {
    for (const typed of CASES.filter((c) => c.startsWith("https://") && !c.includes("%zz"))) {
      const r = parseNoticeInput(noticeInput({ url: typed, imageUrl: typed }), {
        now: NOW,
        findProgram: () => undefined,
      });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      for (const stored of [r.data.url, r.data.imageUrl] as string[]) {
        expect(schemaUri(stored)).toBe(true);
        expect(isRfc3986Uri(stored)).toBe(true);
      }
    }
  });
});
