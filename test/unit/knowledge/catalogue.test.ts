/**
 * The catalogue files themselves: every ward file in knowledge/wards validates against the
 * schema, ids are unique and follow the id scheme, and the ids the development query set uses
 * exist with the names printed on the sheets.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_KNOWLEDGE_DIR, loadCatalogue } from "../../../src/knowledge/load.js";
import { WardFileSchema, type WardFile } from "../../../src/knowledge/schema.js";
import { KNOWLEDGE_WARDS } from "../../../src/knowledge/known-wards.js";

const WARDS = KNOWLEDGE_WARDS.names;

const wardDir = join(DEFAULT_KNOWLEDGE_DIR, "wards");
const files = readdirSync(wardDir).filter((f) => f.endsWith(".json"));
const raw = (f: string): unknown => JSON.parse(readFileSync(join(wardDir, f), "utf8"));

/** Ids and printed names the development query set (programIndex) uses for 中央区 and 東区. */
const DEV_INDEX_CHUO_HIGASHI: Record<string, string> = {
  "chuo-m-01": "地域リーダー応援事業",
  "chuo-m-03": "中央区スポーツ交流事業",
  "chuo-m-04": "地域デビュー応援事業",
  "chuo-m-05": "お互いさまのまちづくり研修会",
  "chuo-f-07": "地域防災力強化経費",
  "chuo-f-08": "避難所運営委員会活動支援助成金",
  "chuo-f-09": "災害公営住宅入居者交流支援事業",
  "chuo-f-10": "仮設住宅等入居者・退去者交流支援事業",
  "chuo-f-11": "地域コミュニティセンター災害対応機能強化経費",
  "chuo-m-12": "マンション・コミュニティ形成支援事業",
  "chuo-m-13": "中央区多文化共生推進事業",
  "chuo-m-15": "中学生と乳幼児の交流事業",
  "chuo-f-16": "被災者健康・子育て支援経費",
  "chuo-m-18": "空き店舗・テナント活用事業",
  "chuo-m-20": "地域コミュニティづくり支援補助金",
  "higashi-m-01": "地域活動理解促進事業",
  "higashi-m-02": "東区地域コミュニティづくり支援補助金",
  "higashi-m-03": "東区民文化スポーツ交流事業",
  "higashi-m-04": "あさひばリビング(地域交流スペース）活用支援事業",
  "higashi-m-05": "サロン活動支援事業",
  "higashi-m-06": "防災スキルアップ事業",
  "higashi-m-07": "ちょこっとパトロール",
  "higashi-m-08": "安全安心のまちづくり事業",
  "higashi-m-09": "地域防災合同訓練事業",
  "higashi-m-10": "あさひばみんなの防災フェスタ開催経費",
  "higashi-m-12": "地域ささえあい推進事業",
  "higashi-m-13": "子育て支援ネットワーク活性化事業",
  "higashi-m-14": "東区健康まちづくり推進員支援事業",
  "higashi-m-15": "自然環境魅力向上事業",
  "higashi-m-16": "（仮称）東区民まつり開催経費",
  "higashi-m-17": "まちづくり懇話会開催経費",
  "higashi-f-01": "復興版地域コミュニティづくり支援補助金",
  "higashi-f-02": "仮設住宅等入居者・退去者交流支援経費",
  "higashi-f-04": "熊本地震の記憶を未来へ紡ぐプロジェクト",
  "higashi-f-05": "校区防災連絡会・避難所運営委員会活動助成経費",
  "higashi-f-06": "地域防災力強化経費",
  "higashi-f-07": "被災者健康・子育て支援経費",
};

describe("knowledge/wards files", () => {
  it("has at least one ward file", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s validates against WardFileSchema and is named after its slug", (f) => {
    const parsed = WardFileSchema.safeParse(raw(f));
    expect(parsed.success, parsed.success ? "" : parsed.error.message).toBe(true);
    const ward = parsed.data as WardFile;
    expect(f).toBe(`${ward.slug}.json`);
    expect(KNOWLEDGE_WARDS.slugOf(ward.ward)).toBe(ward.slug);
    expect(ward.programs.length).toBeGreaterThan(0);
  });

  it.each(files)(
    "%s: each program belongs to the file's ward, its id follows the scheme, its heading is listed",
    (f) => {
      const ward = WardFileSchema.parse(raw(f));
      for (const p of ward.programs) {
        expect(p.ward, p.id).toBe(ward.ward);
        const line = p.budgetLine === "まちづくり推進経費" ? "m" : "f";
        expect(p.id.startsWith(`${ward.slug}-${line}-`), p.id).toBe(true);
        if (p.parent !== null) {
          expect(p.id.startsWith(`${p.parent}-`), `${p.id} under ${p.parent}`).toBe(true);
        }
        expect(ward.headings, `${p.id} heading ${p.heading}`).toContain(p.heading);
        expect(new Set(p.tags).size, p.id).toBe(p.tags.length);
      }
    },
  );

  it("loads as one catalogue with unique ids (across all ward files)", () => {
    const { programs, byId } = loadCatalogue();
    expect(byId.size).toBe(programs.length);
    const ids = programs.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("uses the development query set's ids and printed names for 中央区 and 東区", () => {
    const { byId } = loadCatalogue();
    for (const [id, name] of Object.entries(DEV_INDEX_CHUO_HIGASHI)) {
      expect(byId.get(id)?.name, id).toBe(name);
    }
  });

  it("numbers 中央区 1–21 once across both budget lines, and 東区 1–18 / 1–7 per line", () => {
    const { programs } = loadCatalogue();
    const chuo = programs.filter((p) => p.ward === "中央区").map((p) => Number(p.no));
    expect([...chuo].sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    const higashiM = programs.filter((p) => p.ward === "東区" && p.budgetLine === "まちづくり推進経費");
    const higashiF = programs.filter((p) => p.ward === "東区" && p.budgetLine === "復興支援自治推進経費");
    expect(higashiM.map((p) => Number(p.no)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 18 }, (_, i) => i + 1),
    );
    expect(higashiF.map((p) => Number(p.no)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 7 }, (_, i) => i + 1),
    );
  });

  // The development set is a committed fixture: every id it names for a ward whose file exists
  // must be in the catalogue under the same name. A missing fixture fails here, never skips.
  const devSet = fileURLToPath(new URL("../../fixtures/queries/dev-queries.json", import.meta.url));
  it("matches every programIndex entry of the wards present", () => {
    expect(existsSync(devSet), `${devSet} is missing: restore test/fixtures/queries/`).toBe(true);
    const index = (
      JSON.parse(readFileSync(devSet, "utf8")) as {
        programIndex: Record<string, { ward: string; name: string }>;
      }
    ).programIndex;
    const { byId, wards } = loadCatalogue();
    const present = new Set(wards.map((w) => w.ward));
    const checked = Object.entries(index).filter(([, v]) => present.has(v.ward));
    expect(checked.length).toBeGreaterThan(0);
    for (const [id, v] of checked) expect(byId.get(id)?.name, id).toBe(v.name);
  });

  // ─── Completeness: passes once all five ward files exist (西区・南区・北区 are transcribed by KB-B). ───
  it("COMPLETENESS: all five wards are present", () => {
    const { wards } = loadCatalogue();
    expect(wards.map((w) => w.ward)).toEqual([...WARDS]);
  });
});
