/**
 * Removes personal data a resident may type into free text — LINE user/group/room ids,
 * telephone numbers and e-mail addresses — before that text is stored for staff, shown to
 * them, or logged. Pure. What is removed becomes a marker, so staff still see that the
 * question contained, say, a phone number.
 */
import { scrubLineIds } from "../line/line-id.js";

// Half- and full-width digits; separators people type inside phone numbers.
const D = "[0-9０-９]";
const SEP = "[-－‐‑–—―ー−\\s()（）.．]";
/**
 * A Japanese or international phone number: starts with 0 or +81 / ＋８１, then digits with
 * optional separators. The digit count is checked afterwards (10–11 for 0…, 11–12 for +81…),
 * so dates (2026-12-05) and postal codes (860-0001) are left alone.
 */
const PHONE = new RegExp(
  `(?<![0-9０-９])(?:[+＋][8８][1１]${SEP}*|[0０])(?:${D}${SEP}?){7,12}${D}(?![0-9０-９])`,
  "gu",
);
const EMAIL = /[A-Za-z0-9._%+-]+[@＠][A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gu;

const digits = (s: string): number => (s.match(/[0-9０-９]/gu) ?? []).length;

/** Replaces LINE ids, e-mail addresses and phone numbers in `text` with markers. */
export function scrubPersonalData(text: string): string {
  return scrubLineIds(text)
    .replace(EMAIL, "[email]")
    .replace(PHONE, (m) => {
      const n = digits(m);
      const international = /^[+＋]/u.test(m);
      const ok = international ? n >= 11 && n <= 13 : n >= 10 && n <= 11;
      return ok ? "[phone]" : m;
    });
}
