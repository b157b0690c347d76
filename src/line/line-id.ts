/**
 * LINE user, group and room IDs are personal data: they may go to the LINE API and the store,
 * nowhere else. This pure helper removes them from free text (an error message that quotes a
 * document path or a request body) before that text reaches a log or a staff screen.
 */

/** LINE user, group and room ids: `U`/`C`/`R` + 32 hex digits. */
const LINE_ID = /\b[UCR][0-9a-f]{32}\b/g;

/** Replaces every LINE id in `text` with `[line-id]`. */
export function scrubLineIds(text: string): string {
  return text.replace(LINE_ID, "[line-id]");
}
