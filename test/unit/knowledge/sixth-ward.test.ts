/**
 * Per-ward facts are data: a knowledge/ folder with a SIXTH ward (test fixture data, a ward that
 * does not exist: 未来区 / mirai) loads, and that ward is selectable (ward buttons and quick
 * replies, postback parsing, free text by name or reading), searchable, a bulletin area, and
 * importable from a sheet — with no code change, only the registry built from that folder.
 * The shipped registry's wire strings stay as deployed rich menus send them.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_KNOWLEDGE_DIR, loadCatalogue } from "../../../src/knowledge/load.js";
import { loadGazetteer, resolveWard } from "../../../src/knowledge/gazetteer.js";
import { loadOffices, officeOf } from "../../../src/knowledge/offices.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { loadWardRegistry } from "../../../src/knowledge/wards.js";
import { KNOWLEDGE_WARDS } from "../../../src/knowledge/known-wards.js";
import type { Program, WardFile } from "../../../src/knowledge/schema.js";
import { wardFromText } from "../../../src/bot/ward-from-text.js";
import { readText } from "../../../src/bot/read-text.js";
import { wardChoices } from "../../../src/replies/flex/choices.js";
import { wardQuickReplies } from "../../../src/replies/flex/quick-replies.js";
import { textStyle } from "../../../src/replies/flex/parts.js";
import { encodePostback, postbackCodec } from "../../../src/postback.js";
import { bulletinScopes, parseScope, scopeSlugs } from "../../../src/bulletin/bulletin.js";
import { parseSheet, REQUIRED_COLUMNS } from "../../../src/catalogue/sheet.js";
import { assembleIndex } from "../../../src/search/prebuilt-index.js";
import { programToSearchDoc } from "../../../src/search/program-doc.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";
import { expectValidLineMessages } from "../../helpers/line-assert.js";
import { createTestDeps } from "../../helpers/bot-fixtures.js";
import { postbackEvent, USER_B } from "../../helpers/line-events.js";
import { createBot } from "../../../src/bot/router.js";

const SIXTH = "未来区";

/** A copy of knowledge/ with a sixth ward added as data: registry entry, ward file, office. */
function knowledgeWithSixthWard(): string {
  const dir = mkdtempSync(join(tmpdir(), "knowledge-sixth-"));
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  const gazetteer = JSON.parse(readFileSync(join(dir, "gazetteer.json"), "utf8")) as {
    wards: unknown[];
    places: unknown[];
  };
  gazetteer.wards.push({ name: SIXTH, slug: "mirai", reading: "みらいく", aliases: ["みらい区"] });
  gazetteer.places.push({
    name: "あすなろ",
    reading: "あすなろ",
    ward: SIXTH,
    kind: "校区",
    aliases: [],
    source: "test fixture (not a real place)",
  });
  writeFileSync(join(dir, "gazetteer.json"), JSON.stringify(gazetteer));
  const offices = JSON.parse(readFileSync(join(dir, "offices.json"), "utf8")) as { offices: unknown[] };
  offices.offices.push({
    ward: SIXTH,
    name: "熊本市未来区役所（テスト）",
    address: "テスト用の住所",
    missing: { phone: "test fixture" },
  });
  writeFileSync(join(dir, "offices.json"), JSON.stringify(offices));
  const program: Program = {
    id: "mirai-m-01",
    ward: SIXTH,
    budgetLine: "まちづくり推進経費",
    no: "1",
    parent: null,
    name: "みらい防災ピクニック",
    description: "テスト用の取組です。校区の公園で防災ピクニックを行い、非常食を試食します。",
    heading: "安全安心なまちづくり",
    isNew: false,
    figures: { initial: 100, sept: 100, feb: 100, settlement: 90 },
    status: "実施",
    statusReason: "テスト用データ",
    tags: ["防災"],
    places: ["あすなろ"],
    audience: [],
  };
  const zero = { initial: 0, sept: 0, feb: 0, settlement: 0 };
  const file: WardFile = {
    ward: SIXTH,
    slug: "mirai",
    fiscalYear: "令和2年度",
    source: "テスト用データ（実在しない区）",
    vision: "テスト",
    basicPolicies: [],
    headings: [],
    totals: { まちづくり推進経費: zero, 復興支援自治推進経費: zero },
    notes: [],
    programs: [program],
  };
  writeFileSync(join(dir, "wards", "mirai.json"), JSON.stringify(file));
  return dir;
}

describe("a sixth ward is data, not code", () => {
  const dir = knowledgeWithSixthWard();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const wards = loadWardRegistry(dir);

  it("loads: the registry, the catalogue and the offices of that folder know it, in order", () => {
    expect(wards.names).toEqual([...KNOWLEDGE_WARDS.names, SIXTH]);
    expect(wards.slugOf(SIXTH)).toBe("mirai");
    const catalogue = loadCatalogue(dir);
    expect(catalogue.wards.map((w) => w.ward)).toEqual(wards.names);
    expect(catalogue.byId.get("mirai-m-01")?.ward).toBe(SIXTH);
    expect(officeOf(loadOffices(dir), SIXTH).name).toContain("未来区");
    // The shipped folder has no such ward: its offices and catalogue refuse a stray one.
    expect(KNOWLEDGE_WARDS.has(SIXTH)).toBe(false);
    expect(() => loadOffices(dir, KNOWLEDGE_WARDS)).toThrow(/未来区/);
    expect(() => loadCatalogue(dir, KNOWLEDGE_WARDS)).toThrow(/未来区/);
  });

  it("is selectable: ward buttons and quick replies carry its slug, and the postback parses back", () => {
    const style = textStyle(false);
    const choices = wardChoices(style, undefined, true, wards);
    expectValidLineMessages([choices]);
    const json = JSON.stringify(choices);
    expect(json).toContain('"label":"未来区"');
    expect(json).toContain('"data":"v1:ward:mirai"');
    const quick = wardQuickReplies(undefined, true, wards);
    expect(quick.map((q) => q.action?.label)).toContain(SIXTH);

    const codec = postbackCodec(wards);
    expect(codec.parse("v1:ward:mirai")).toEqual({ kind: "ward", ward: SIXTH });
    expect(codec.parse("v1:wardp:mirai:5")).toEqual({ kind: "ward-programs", ward: SIXTH, offset: 5 });
    expect(codec.parse("v1:detail:mirai-m-01")).toEqual({ kind: "detail", programId: "mirai-m-01" });
    expect(codec.encode({ kind: "more", offset: 5, ward: SIXTH, query: "防災" })).toBe(
      "v1:more:5:mirai:防災",
    );
    // The shipped registry does not know it: an old or foreign payload is 「outdated」, never a crash.
    expect(postbackCodec(KNOWLEDGE_WARDS).parse("v1:ward:mirai").kind).toBe("outdated");
    // The deployed wire strings are unchanged.
    expect(codec.encode({ kind: "ward", ward: "中央区" })).toBe("v1:ward:chuo");
    expect(encodePostback({ kind: "ward-programs", ward: "北区", offset: 0 })).toBe("v1:wardp:kita:0");
  });

  it("is selectable in the running bot: the button's postback sets the resident's ward", async () => {
    const catalogue = loadCatalogue(dir);
    const deps = await createTestDeps({
      wards,
      catalogue,
      offices: loadOffices(dir),
    });
    const bot = createBot(deps);
    const r = await bot.handleEvent(postbackEvent("v1:ward:mirai", USER_B));
    expect(r.outcome).toBe("replied");
    expectValidLineMessages(r.messages);
    expect(JSON.stringify(r.messages)).toContain(SIXTH);
    const profile = await deps.store.getProfile(USER_B);
    expect(profile?.ward).toBe(SIXTH);
  });

  it("is found in free text by name, reading or a place of the ward", () => {
    const places = (text: string) => {
      const r = resolveWard(loadGazetteer(dir), text);
      return r ? { wards: r.wards, place: r.place ?? r.wards[0]! } : null;
    };
    expect(wardFromText("未来区に住んでいます", null, wards)).toMatchObject({ kind: "ward", ward: SIXTH });
    expect(wardFromText("ミライクです", null, wards)).toMatchObject({ kind: "ward", ward: SIXTH });
    expect(wardFromText("あすなろ校区です", places, wards)).toMatchObject({ kind: "ward", ward: SIXTH });
    // Without the registry that lists it, the name is not a ward.
    expect(wardFromText("未来区に住んでいます", null, KNOWLEDGE_WARDS).kind).toBe("none");
    const analysis = {
      clauses: [],
      ward: null,
      place: null,
      smallTalk: null,
      places: [],
    } as unknown as Parameters<typeof readText>[1];
    expect(readText("未来区に住んでいます", analysis, wards).action).toMatchObject({
      kind: "ward-statement",
    });
  });

  it("is searchable: a question naming it finds its program, restricted to it", () => {
    const catalogue = loadCatalogue(dir);
    const index = assembleIndex(
      catalogue.programs.map(programToSearchDoc),
      { words: {}, stop: [] },
      () => "",
      "t",
    );
    const engine = createSearchEngine(index, loadVocabulary(dir), loadGazetteer(dir));
    const r = engine.search("未来区の防災ピクニック");
    expect(r.ward).toBe(SIXTH);
    expect(r.results[0]?.id).toBe("mirai-m-01");
    expect(r.results.every((h) => h.ward === SIXTH)).toBe(true);
    expect(engine.search("防災", { ward: SIXTH }).results.map((h) => h.id)).toEqual(["mirai-m-01"]);
  });

  it("is a bulletin area", () => {
    expect(bulletinScopes(wards)).toEqual(["all", ...KNOWLEDGE_WARDS.names, SIXTH]);
    expect(parseScope("mirai", wards)).toBe(SIXTH);
    expect(scopeSlugs(wards)[SIXTH]).toBe("mirai");
    expect(parseScope("mirai")).toBeUndefined();
  });

  it("is importable from a sheet, and refused by a registry that does not list it", () => {
    const header = [...REQUIRED_COLUMNS];
    const values: Record<string, string> = {
      区: "未来区",
      経費区分: "まちづくり推進経費",
      番号: "1",
      事業名: "テスト事業",
      事業内容: "テストの説明",
      当初予算: "100",
    };
    const rows = [header, header.map((h) => values[h] ?? "")];
    const ok = parseSheet(rows, { year: 2021, at: 1, by: "test", wards });
    expect(ok.ok && ok.programs.map((p) => [p.id, p.ward])).toEqual([["fy2021-mirai-m-01", SIXTH]]);
    const refused = parseSheet(rows, { year: 2021, at: 1, by: "test" });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.issues[0]).toMatchObject({ row: 2, column: "区" });
      expect(refused.issues[0]?.message).toContain("未来区");
    }
  });
});
