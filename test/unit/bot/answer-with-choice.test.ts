/**
 * The answer-with-choice reply as the resident sees it (src/search/decision.ts: a question in
 * scope that matches weakly). The closest programs are shown as such — the header says no
 * program fits exactly, never 「N件 見つかりました」 — and a choice of topics follows as buttons
 * inside the message (LINE for PC shows no quick replies), each tap giving that topic's list.
 *
 * Two ways in: the real engine on a question it answers with a choice today, and the same real
 * engine with the decision pinned, so the reply's shape stays tested however search is tuned.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createBot, type Bot } from "../../../src/bot/router.js";
import { encodePostback } from "../../../src/postback.js";
import { TOPICS, type TopicKey } from "../../../src/knowledge/topics.js";
import type { Message } from "../../../src/line/messenger.js";
import { COPY } from "../../../src/replies/copy.js";
import type { SearchEngine } from "../../../src/search/types.js";
import { expectValidLineMessages } from "../../helpers/line-assert.js";
import { createTestDeps, realCatalogue, realSearch } from "../../helpers/bot-fixtures.js";
import { postbackEvent, textEvent, USER_B } from "../../helpers/line-events.js";

const catalogue = realCatalogue()!;
const engine = realSearch();
/** A question the real engine answers with the closest programs and a choice of topics. */
const WEAK = "古い写真をデジタルにして町の歴史を残す仕組みはある？";
const PINNED = "まちの思い出を残したい";
const PINNED_TOPICS: TopicKey[] = ["chiiki", "kosodate", "event"];

/** The real engine, except that PINNED is always answered with a choice of PINNED_TOPICS. */
const pinned: SearchEngine = {
  analyseMessage: (t) => engine.analyseMessage(t),
  analysePart: (of, t, clauses) => engine.analysePart(of, t, clauses),
  search: (q, o) => {
    const r = engine.search(q, o);
    if (q !== PINNED || r.results.length === 0) return r;
    return { ...r, confidence: "low", decision: { kind: "answer-with-choice", topics: PINNED_TOPICS } };
  },
};

let bot: Bot;
beforeAll(async () => {
  bot = createBot(await createTestDeps({ catalogue, search: pinned }));
});

async function ask(ev: Record<string, unknown>): Promise<Message[]> {
  const r = await bot.handleEvent(ev);
  expect(r.outcome).toBe("replied");
  expectValidLineMessages(r.messages);
  return r.messages;
}
type Node = Record<string, unknown>;
/** Postback data and labels of the buttons inside a message (not its quick replies). */
function buttons(m: Message): Array<{ label: string; data: string }> {
  const out: Array<{ label: string; data: string }> = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      const o = n as Node;
      const a = o.action as Node | undefined;
      if (o.type === "button" && a?.type === "postback")
        out.push({ label: String(a.label), data: String(a.data) });
      for (const [k, v] of Object.entries(o)) if (k !== "quickReply") walk(v);
    }
  };
  walk(m);
  return out;
}

/** Checks the reply's shape and returns the choice buttons. */
function expectClosestWithChoice(ms: Message[], query: string, topics: readonly TopicKey[]) {
  expect(ms).toHaveLength(3);
  const [header, cards, choice] = ms as [Message, Message, Message];
  // 1. The closest programs are framed as such.
  expect(header.type).toBe("text");
  const said = header.type === "text" ? header.text : "";
  expect(said).toContain(COPY.program.closestHeader(COPY.program.queryLabel(query, null)));
  expect(said).not.toMatch(/見つかりました/);
  // 2. The cards themselves, each a catalogue program.
  expect(cards.type === "flex" && cards.contents.type).toBe("carousel");
  const ids = [...JSON.stringify(cards).matchAll(/v1:detail:([a-z0-9-]+)/g)].map((m) => m[1]!);
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) expect(catalogue.byId.has(id), id).toBe(true);
  // 3. The topic choice: a question and one button per topic, in the decision's order.
  expect(choice.type).toBe("flex");
  expect(JSON.stringify(choice)).toContain(COPY.choices.topic);
  const offered = buttons(choice);
  expect(offered.map((b) => b.label)).toEqual(topics.map((t) => COPY.choices.topicLabel(TOPICS[t])));
  expect(offered.map((b) => b.data)).toEqual(
    topics.map((t) => encodePostback(t === "event" ? { kind: "events" } : { kind: "topic", topic: t })),
  );
  expect(choice.type === "flex" && choice.altText).toContain(TOPICS[topics[0]!]);
  // Quick replies ride on the last message only (phones), the buttons serve LINE for PC.
  expect(choice.quickReply?.items?.length).toBeGreaterThan(0);
  expect(cards.quickReply).toBeUndefined();
  return offered;
}

describe("answer with a choice", () => {
  it("the real engine's weak match: closest programs, said so, and topics to choose from", async () => {
    const r = engine.search(WEAK, { profileWard: null, limit: 5, offset: 0 });
    expect(r.decision.kind, "the engine no longer answers this with a choice: pick another").toBe(
      "answer-with-choice",
    );
    const topics = r.decision.kind === "answer-with-choice" ? r.decision.topics : [];
    expect(topics.length).toBeGreaterThan(0);
    expectClosestWithChoice(await ask(textEvent(WEAK, USER_B)), WEAK, topics);
  });

  it("a tapped topic gives that topic's list with its count; 「イベントのこと」 gives the events", async () => {
    const offered = expectClosestWithChoice(await ask(textEvent(PINNED, USER_B)), PINNED, PINNED_TOPICS);
    const topicTap = await ask(postbackEvent(offered[0]!.data, USER_B));
    const first = topicTap[0];
    expect(first?.type === "text" && first.text).toMatch(
      new RegExp(`熊本市の「${TOPICS.chiiki}」.*\\d+件`, "s"),
    );
    expect(topicTap.some((m) => m.type === "flex" && m.contents.type === "carousel")).toBe(true);
    const events = await ask(postbackEvent(offered[2]!.data, USER_B));
    expect(JSON.stringify(events)).toContain("イベント");
  });

  it("a good match has no choice: 「N件 見つかりました」 and the cards only", async () => {
    const ms = await ask(textEvent("防災の講座", USER_B));
    const said = ms[0]?.type === "text" ? ms[0].text : "";
    expect(said).toMatch(/合う取組が \d+件 見つかりました/);
    expect(JSON.stringify(ms)).not.toContain(COPY.choices.topic);
  });
});
