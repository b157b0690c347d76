/**
 * What staff may type into a notice's text fields, beyond length: text that LINE would show
 * empty, reversed or broken is refused with a message that says why. Pure.
 *
 * - invisible-only text (zero-width spaces, word joiner, BOM, soft hyphen, Hangul fillers …)
 *   looks like a title to the form but shows nothing on a phone;
 * - bidi controls (U+202A–202E, U+2066–2069, U+200E/200F, U+061C) can make text read backwards
 *   and hide what a link says;
 * - C0 and C1 control characters render as boxes (newline and tab excepted in the body);
 * - U+2028/2029 are line breaks that a one-line field must not contain;
 * - lone surrogates are not text at all: LINE refuses the request.
 *
 * Lengths are counted in UTF-16 code units, as LINE counts them (𠮷 is 2), not in code points.
 */

/** Characters that render as nothing. ZWJ/ZWNJ are among them but allowed inside real text (emoji, scripts). */
const INVISIBLE =
  /[\s\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u115f\u180e\u3164\uffa0\u2800]|\u034f|\u1160|\u17b4|\u17b5/gu;
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f]/u;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
const LINE_SEPARATORS = /[\u2028\u2029]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Length as LINE counts it: UTF-16 code units. */
export const utf16Length = (s: string): number => s.length;

/** true when `s` would show nothing (only spaces and invisible characters). */
export const looksEmpty = (s: string): boolean => s.replace(INVISIBLE, "").length === 0;

/**
 * Why `s` cannot be used as the text of field `label`, in Japanese, or null when it can.
 * `multiLine` allows newlines and tabs (the body); one-line fields allow neither.
 */
export function textProblem(s: string, label: string, opts: { multiLine: boolean }): string | null {
  if (s.length === 0) return `${label}を入れてください。`;
  if (LONE_SURROGATE.test(s)) return `${label}にこわれた文字があります。入れ直してください。`;
  if (looksEmpty(s)) return `${label}を入れてください（見えない文字だけでは送れません）。`;
  if (BIDI.test(s)) return `${label}に文字の向きを変える記号があります。消してください。`;
  if (!opts.multiLine && (LINE_SEPARATORS.test(s) || /[\r\n]/.test(s)))
    return `${label}は1行で書いてください。`;
  if ((opts.multiLine ? CONTROL_MULTI_LINE : CONTROL_ONE_LINE).test(s))
    return `${label}に使えない文字（制御文字）があります。`;
  return null;
}

/**
 * WHATWG URL serialisation (`new URL(s).href`, which percent-encodes kana and spaces) leaves a
 * few characters that RFC 3986 (and LINE's `format: uri`) does not allow, e.g. `|`, `^`, `` ` ``,
 * `{`, `}` and `\` in a query: encode those too.
 */
export const encodeOutsideRfc3986 = (href: string): string =>
  href.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g, (c) => encodeURIComponent(c));

/**
 * An https URL in the form LINE accepts: `new URL(s).href` percent-encodes kana, spaces and other
 * characters outside RFC 3986 (and punycodes the host), so a link typed as
 * `https://www.city.kumamoto.jp/お知らせ` reaches residents instead of making LINE refuse the
 * message. Not https, or longer than `max` once encoded: refused, saying why. Notices and
 * bulletins share it.
 */
export function lineHttpsUrl(
  s: string,
  label: string,
  max: number,
): { ok: true; href: string } | { ok: false; message: string } {
  let u: URL | null;
  try {
    u = new URL(s);
  } catch {
    u = null;
  }
  if (u === null || u.protocol !== "https:" || u.hostname.length === 0)
    return { ok: false, message: `${label}は https:// で始まるURLにしてください。` };
  const href = encodeOutsideRfc3986(u.href);
  if (href.length > max)
    return { ok: false, message: `${label}は${max}文字までです（日本語は1文字が9文字ぶんになります）。` };
  return { ok: true, href };
}
