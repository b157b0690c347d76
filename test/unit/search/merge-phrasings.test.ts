import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  bigramDice,
  mergeIntoFolder,
  mergePhrasings,
  normalisePhrasing,
  type PhrasingFile,
} from "../../../scripts/merge-phrasings.js";

const existing: PhrasingFile = {
  "chuo-m-01": [
    { text: "町内会 パソコン講座", style: "terse" },
    { text: "Any PC or LINE classes for neighborhood group leaders?", style: "english" },
  ],
  "chuo-m-02": [{ text: "防犯灯をつけたい", style: "plain" }],
};

describe("mergePhrasings", () => {
  it("appends a round's new phrasings after the program's own, in the round's order, keeping program order", () => {
    const round: PhrasingFile = {
      "chuo-m-02": [{ text: "夜道が暗くて子どもの帰りが心配", style: "situation" }],
      "chuo-m-01": [
        { text: "自治会の名簿をエクセルで作りたい", style: "situation" },
        { text: "あのー パソコン習えるとこ ありますか", style: "voice" },
      ],
    };
    const { merged, added, dropped } = mergePhrasings(existing, round);
    expect(Object.keys(merged)).toEqual(["chuo-m-01", "chuo-m-02"]);
    expect(merged["chuo-m-01"]!.map((p) => p.text)).toEqual([
      "町内会 パソコン講座",
      "Any PC or LINE classes for neighborhood group leaders?",
      "自治会の名簿をエクセルで作りたい",
      "あのー パソコン習えるとこ ありますか",
    ]);
    expect(merged["chuo-m-02"]!.at(-1)).toEqual({
      text: "夜道が暗くて子どもの帰りが心配",
      style: "situation",
    });
    expect(added).toBe(3);
    expect(dropped).toEqual([]);
  });

  it("drops exact duplicates after normalising width, case, spaces and punctuation", () => {
    const round: PhrasingFile = {
      "chuo-m-01": [
        { text: "町内会　パソコン講座！", style: "terse" },
        { text: "any pc or line classes for neighborhood group leaders", style: "english" },
      ],
    };
    const { merged, added, dropped } = mergePhrasings(existing, round);
    expect(added).toBe(0);
    expect(merged["chuo-m-01"]).toHaveLength(2);
    expect(dropped.map((d) => d.reason)).toEqual(["exact", "exact"]);
  });

  it("drops near duplicates of the program's phrasings and of the round's earlier ones, not of another program's", () => {
    const round: PhrasingFile = {
      "chuo-m-01": [
        { text: "Are there any PC or LINE classes for neighborhood group leaders?", style: "english" },
        { text: "子ども会の会計をエクセルでやりたいので教えてほしい", style: "situation" },
        { text: "子ども会の会計をエクセルでやりたいので教えてほしいです", style: "elderly" },
      ],
      "chuo-m-02": [{ text: "町内会 パソコン講座", style: "terse" }],
    };
    const { merged, dropped } = mergePhrasings(existing, round);
    expect(dropped.map((d) => [d.id, d.reason, d.like])).toEqual([
      ["chuo-m-01", "near", "Any PC or LINE classes for neighborhood group leaders?"],
      ["chuo-m-01", "near", "子ども会の会計をエクセルでやりたいので教えてほしい"],
    ]);
    expect(merged["chuo-m-02"]!.map((p) => p.text)).toContain("町内会 パソコン講座");
  });

  it("keeps a phrasing that shares words but says something else", () => {
    expect(
      bigramDice(normalisePhrasing("町内会 パソコン講座"), normalisePhrasing("町内会 防災講座")),
    ).toBeLessThan(0.8);
    const round: PhrasingFile = { "chuo-m-01": [{ text: "町内会 スマホ講座はある？", style: "terse" }] };
    expect(mergePhrasings(existing, round).added).toBe(1);
  });

  it("adds a program the ward's file does not hold yet at its end, and does not change its inputs", () => {
    const before = JSON.stringify(existing);
    const { merged } = mergePhrasings(existing, { "chuo-m-09": [{ text: "公園の花壇", style: "terse" }] });
    expect(Object.keys(merged)).toEqual(["chuo-m-01", "chuo-m-02", "chuo-m-09"]);
    expect(JSON.stringify(existing)).toBe(before);
  });

  it("merges only the round's phrasings of the styles asked for", () => {
    const round: PhrasingFile = {
      "chuo-m-01": [
        { text: "自治会の名簿をエクセルで作りたい", style: "situation" },
        { text: "あのー パソコン習えるとこ ありますか", style: "voice" },
      ],
    };
    const { merged, added } = mergePhrasings(existing, round, new Set(["voice"]));
    expect(added).toBe(1);
    expect(merged["chuo-m-01"]!.at(-1)).toEqual({
      text: "あのー パソコン習えるとこ ありますか",
      style: "voice",
    });
  });

  it("is idempotent: merging the same round into the result changes nothing", () => {
    const round: PhrasingFile = {
      "chuo-m-01": [{ text: "自治会の名簿をエクセルで作りたい", style: "situation" }],
    };
    const once = mergePhrasings(existing, round).merged;
    const twice = mergePhrasings(once, round);
    expect(twice.merged).toEqual(once);
    expect(twice.added).toBe(0);
  });
});

describe("mergeIntoFolder", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("writes the ward files in their own formatting, and a second run leaves them byte for byte", () => {
    dir = mkdtempSync(join(tmpdir(), "merge-phrasings-"));
    cpSync("knowledge/asked-as", join(dir, "asked-as"), { recursive: true });
    const roundPath = join(dir, "round.json");
    writeFileSync(
      roundPath,
      JSON.stringify({
        "chuo-m-01": [
          { text: "回覧板をパソコンで作れるようになりたい（テスト用の新しい文）", style: "situation" },
        ],
        "kita-f-01": [{ text: "試験用のまったく新しい言い回し🌻", style: "voice" }],
      }),
    );
    const first = mergeIntoFolder(roundPath, dir);
    expect([first.added, first.dropped.length]).toEqual([2, 0]);
    const chuo = readFileSync(join(dir, "asked-as", "chuo.json"), "utf8");
    const original = readFileSync("knowledge/asked-as/chuo.json", "utf8");
    expect(chuo.startsWith('{\n "chuo-m-01": [\n  {')).toBe(true);
    expect(chuo.endsWith("\n")).toBe(original.endsWith("\n"));
    const parsed = JSON.parse(chuo) as Record<string, { text: string }[]>;
    expect(parsed["chuo-m-01"]!.at(-1)!.text).toBe(
      "回覧板をパソコンで作れるようになりたい（テスト用の新しい文）",
    );
    expect(JSON.stringify(JSON.parse(readFileSync(join(dir, "asked-as", "higashi.json"), "utf8")))).toBe(
      JSON.stringify(JSON.parse(readFileSync("knowledge/asked-as/higashi.json", "utf8"))),
    );
    const second = mergeIntoFolder(roundPath, dir);
    expect([second.added, second.dropped.map((d) => d.reason)]).toEqual([0, ["exact", "exact"]]);
    expect(readFileSync(join(dir, "asked-as", "chuo.json"), "utf8")).toBe(chuo);
  });
});
