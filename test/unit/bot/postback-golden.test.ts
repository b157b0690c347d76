/**
 * The postback wire format, pinned with golden strings. Rich menus already deployed to LINE
 * and carousels already in residents' chats keep sending the strings they were made with, so
 * an encoding must never change by accident: each string below parses to its action, and the
 * current encoder produces exactly these strings.
 */
import { describe, expect, it } from "vitest";
import { encodePostback, parsePostback, type CurrentPostback } from "../../../src/postback.js";
import { allMenuActions } from "../../../src/richmenu/definitions.js";

const GOLDEN: Array<[string, CurrentPostback]> = [
  ["v1:ward:chuo", { kind: "ward", ward: "中央区" }],
  ["v1:ward:higashi", { kind: "ward", ward: "東区" }],
  ["v1:ward:nishi", { kind: "ward", ward: "西区" }],
  ["v1:ward:minami", { kind: "ward", ward: "南区" }],
  ["v1:ward:kita", { kind: "ward", ward: "北区" }],
  ["v1:ward:unknown", { kind: "ward-unknown" }],
  ["v1:ward:pick", { kind: "ward-picker" }],
  ["v1:topic:bousai", { kind: "topic", topic: "bousai", offset: 0 }],
  ["v1:topic:kenko", { kind: "topic", topic: "kenko", offset: 0 }],
  ["v1:topic:kosodate", { kind: "topic", topic: "kosodate", offset: 0 }],
  ["v1:topic:chiiki", { kind: "topic", topic: "chiiki", offset: 0 }],
  ["v1:topic:event", { kind: "topic", topic: "event", offset: 0 }],
  ["v1:topic:bousai:5", { kind: "topic", topic: "bousai", offset: 5, ward: null }],
  ["v1:topic:chiiki:10:nishi", { kind: "topic", topic: "chiiki", offset: 10, ward: "西区" }],
  ["v1:events", { kind: "events" }],
  ["v1:detail:minami-m-16-4", { kind: "detail", programId: "minami-m-16-4" }],
  ["v1:wardp:higashi:5", { kind: "ward-programs", ward: "東区", offset: 5 }],
  ["v1:same:chuo-f-07", { kind: "same-topic", programId: "chuo-f-07" }],
  ["v1:more:5:all:防災の講座", { kind: "more", offset: 5, ward: null, query: "防災の講座" }],
  ["v1:more:10:kita:子育て", { kind: "more", offset: 10, ward: "北区", query: "子育て" }],
  ["v1:settings", { kind: "settings" }],
  ["v1:sub:bousai:on", { kind: "subscribe", topic: "bousai", on: true }],
  ["v1:sub:event:off", { kind: "subscribe", topic: "event", on: false }],
  ["v1:large:on", { kind: "large-text", on: true }],
  ["v1:large:off", { kind: "large-text", on: false }],
  ["v1:large:toggle", { kind: "large-text-toggle" }],
  ["v1:tab:main", { kind: "tab", menu: "main" }],
  ["v1:tab:settings", { kind: "tab", menu: "settings" }],
  ["v1:help", { kind: "help" }],
  ["v1:office", { kind: "office" }],
  ["v1:bulletin", { kind: "bulletin" }],
];

/** What menus and carousels sent before this grammar: they must keep working. */
const EARLIER: Array<[string, CurrentPostback]> = [
  // 「もっと見る」 of a topic listing used to tunnel through search as `#<topic>`.
  ["v1:more:5:all:#bousai", { kind: "topic", topic: "bousai", offset: 5, ward: null }],
  ["v1:more:10:higashi:#kosodate", { kind: "topic", topic: "kosodate", offset: 10, ward: "東区" }],
];

describe("postback wire format", () => {
  it.each(GOLDEN)("%s is what the encoder writes, and parses back", (data, action) => {
    expect(encodePostback(action)).toBe(data);
    expect(parsePostback(data)).toEqual(action);
  });

  it.each(EARLIER)("the earlier %s still parses", (data, action) => {
    expect(parsePostback(data)).toEqual(action);
  });

  it("every string the rich menus send is one of the golden strings", () => {
    const golden = new Set(GOLDEN.map(([d]) => d));
    for (const a of allMenuActions())
      expect(golden.has(a.data), `${a.menu}/${a.source}: ${a.data}`).toBe(true);
  });
});
