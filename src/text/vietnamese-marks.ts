/**
 * Vietnamese without its diacritics, the one copy the small-talk table and the search's
 * Vietnamese reader share: many residents type on a keyboard without a Vietnamese layout
 * (cảm ơn → cam on, lễ hội → le hoi). Pure, imports nothing.
 */

/** `text` with the tone and vowel marks taken away and đ/Đ written d/D; case is kept. */
export function stripVietnameseMarks(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/gu, "")
    .replace(/đ/gu, "d")
    .replace(/Đ/gu, "D")
    .normalize("NFC");
}
