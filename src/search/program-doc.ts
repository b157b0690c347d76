/**
 * Maps a catalogue program to a search document: name; heading and topic tags; description
 * plus the status reason (it names events such as 河内灯りのイベント); places and audience as
 * extra text that should match without dominating; its status as a priority (実施 first) and its
 * tags as the resident topics a choice offers. The program-side phrasings (`askedAs`) are added
 * by the index builder (scripts/build-search-index.ts `catalogueDocs`).
 */
import type { Program, Status } from "../knowledge/schema.js";
import { TOPIC_KEYS, TOPIC_TAG_MAP } from "../knowledge/topics.js";
import type { SearchDoc } from "./types.js";

/** Programs that ran come first when relevance is close; cancelled ones stay findable. */
const STATUS_PRIORITY: Record<Status, number> = {
  実施: 0,
  予定: 0,
  一部実施: 1,
  中止: 2,
  未実施: 2,
  予算外: 2,
};

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
    ...(p.audience.length > 0 ? { audience: p.audience } : {}),
    priority: STATUS_PRIORITY[p.status],
    topics: TOPIC_KEYS.filter((k) => TOPIC_TAG_MAP[k].some((t) => p.tags.includes(t))),
  };
}
