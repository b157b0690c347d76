/**
 * Maps a catalogue program to a search document: name; heading and topic tags; description
 * plus the status reason (it names events such as 河内灯りのイベント); places and audience as
 * extra text that should match without dominating.
 */
import type { Program } from "../knowledge/schema.js";
import type { SearchDoc } from "./types.js";

/** A catalogue program as a search document. */
export function programToSearchDoc(p: Program): SearchDoc {
  return {
    id: p.id,
    ward: p.ward,
    name: p.name,
    heading: p.heading,
    tags: p.tags,
    description: p.description,
    extra: [
      ...p.places,
      ...p.audience,
      p.statusReason,
      p.budgetLine === "復興支援自治推進経費" ? "復興" : "",
    ].filter(Boolean),
  };
}
