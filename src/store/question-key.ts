/**
 * How unanswered questions are grouped for staff: the same question typed with full-width
 * letters, extra spaces or different case counts as one. Shared by every store adapter so
 * the embedded store and Firestore group identically.
 */

/** Grouping key of a resident's question: NFKC, trimmed, runs of spaces collapsed, lower case. */
export function questionKey(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/gu, " ").toLowerCase();
}

/** The wording shown to staff: the resident's own text, trimmed, spaces collapsed. */
export function questionDisplay(text: string): string {
  return text.trim().replace(/\s+/gu, " ");
}
