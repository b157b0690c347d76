/**
 * How unanswered questions are grouped for staff: the same question typed with full-width
 * letters, extra spaces or different case counts as one. Shared by every store adapter so
 * the embedded store and Firestore group identically. Personal data a resident typed (a LINE
 * id, a phone number, an e-mail address) is removed before anything is stored or keyed, so it
 * never reaches staff screens; who asked is counted by the keyed hash, not by the text.
 */
import { scrubPersonalData } from "../privacy/scrub-personal.js";

/** Grouping key of a resident's question: NFKC, trimmed, runs of spaces collapsed, lower case. */
export function questionKey(text: string): string {
  return scrubPersonalData(text.normalize("NFKC")).trim().replace(/\s+/gu, " ").toLowerCase();
}

/** The wording shown to staff: the resident's own text, trimmed, spaces collapsed. */
export function questionDisplay(text: string): string {
  return scrubPersonalData(text).trim().replace(/\s+/gu, " ");
}
