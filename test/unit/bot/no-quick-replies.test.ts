/**
 * LINE for PC shows no quick replies: every choice a reply offers as a quick reply must also be
 * reachable without one — as a button inside the reply's messages, or on the rich menu (which
 * LINE for PC shows). Checked over every reply of many flows: welcome, ward picker, 「わからない」,
 * unknown and ambiguous places, questions with 「もしかして」, topics, settings and notices.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createBot, type Bot } from "../../../src/bot/router.js";
import { encodePostback } from "../../../src/postback.js";
import { TOPIC_KEYS } from "../../../src/knowledge/topics.js";
import type { Message } from "../../../src/line/messenger.js";
import { allMenuActions } from "../../../src/richmenu/definitions.js";
import { createTestDeps, realCatalogue, realSearch } from "../../helpers/bot-fixtures.js";
import { followEvent, postbackEvent, textEvent, USER_B } from "../../helpers/line-events.js";

type Action = { type: string; data?: string; text?: string; label?: string };
const key = (a: Action): string =>
  a.type === "postback" ? `postback:${a.data}` : `${a.type}:${a.text ?? ""}`;

/** Every action of buttons and tappable parts inside the messages (not the quick replies). */
function inMessageActions(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) inMessageActions(n, out);
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o.action && typeof o.action === "object") out.add(key(o.action as Action));
    for (const [k, v] of Object.entries(o))
      if (k !== "quickReply" && typeof v === "object") inMessageActions(v, out);
  }
  return out;
}

const menu = new Set(allMenuActions().map((a) => `postback:${a.data}`));
const replies: Array<{ what: string; messages: Message[] }> = [];

beforeAll(async () => {
  const catalogue = realCatalogue()!;
  const deps = await createTestDeps({ catalogue, search: realSearch() });
  const bot: Bot = createBot(deps);
  const run = async (what: string, ev: Record<string, unknown>) =>
    replies.push({ what, messages: (await bot.handleEvent(ev)).messages });
  await run("follow", followEvent(false));
  await run("ward-unknown", postbackEvent(encodePostback({ kind: "ward-unknown" })));
  await run("place not found", textEvent("どこか"));
  await run("ambiguous postal", textEvent("861-5287"));
  await run("outside postal", textEvent("100-0001"));
  await run("ward picker", postbackEvent(encodePostback({ kind: "ward-picker" })));
  await run("typo question", textEvent("ぼうさいのこうざ"));
  await run("out of scope", textEvent("パスポートの申請"));
  await run("question", textEvent("子育ての集まりはありますか"));
  await run(
    "weak match with topic choice",
    textEvent("古い写真をデジタルにして町の歴史を残す仕組みはある？"),
  );
  await run("evacuation typed", textEvent("避難所はどこですか"));
  await run("ward office", textEvent("区役所"));
  await run("thanks", textEvent("ありがとう"));
  await run("ward typed", textEvent("東区"));
  for (const topic of TOPIC_KEYS)
    await run(`topic ${topic}`, postbackEvent(encodePostback({ kind: "topic", topic })));
  await run(
    "subscribe without ward",
    postbackEvent(encodePostback({ kind: "subscribe", topic: "bousai", on: true }), USER_B),
  );
  for (const a of allMenuActions()) await run(`menu ${a.source}`, postbackEvent(a.data));
}, 60_000);

describe("every flow works without quick replies", () => {
  it("each quick-reply choice is also a button in the reply or on the rich menu", () => {
    let offered = 0;
    for (const r of replies) {
      const inside = inMessageActions(r.messages);
      for (const m of r.messages)
        for (const item of m.quickReply?.items ?? []) {
          offered++;
          const k = key(item.action as Action);
          expect(inside.has(k) || menu.has(k), `${r.what}: ${(item.action as Action).label} (${k})`).toBe(
            true,
          );
        }
    }
    expect(offered).toBeGreaterThan(50);
  });

  it("the welcome asks for the ward with buttons in the message", () => {
    const welcome = replies.find((r) => r.what === "follow")!;
    const inside = inMessageActions(welcome.messages);
    expect(inside.has(`postback:${encodePostback({ kind: "ward", ward: "中央区" })}`)).toBe(true);
    expect(inside.has(`postback:${encodePostback({ kind: "ward-unknown" })}`)).toBe(true);
  });
});
