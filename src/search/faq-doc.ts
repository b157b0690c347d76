/**
 * Maps an FAQ entry (BEIR-like corpus: id → text) to a search document: the first sentence
 * (the question or title) as the name, the whole text as the description.
 */
import type { SearchDoc } from "./types.js";

/** An FAQ entry as a search document (no ward). */
export function faqToSearchDoc(id: string, text: string): SearchDoc {
  const first = text.split(/(?<=[。？?！!\n])/)[0]?.trim() || text;
  return { id, ward: null, name: first, description: text };
}
