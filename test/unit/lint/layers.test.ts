/**
 * `npm run lint` enforces the layers of docs/architecture.md: a deliberate wrong import, placed
 * where it would sit in src/, fails ESLint with the project's own configuration, and the same
 * file importing only what its layer may import passes. It also runs typescript-eslint's
 * type-checked rule set: a deliberately unsafe file (a Firestore document used as `any`, a
 * promise nobody awaits) fails. Runs ESLint's Node API on text, so no file is written into src/.
 */
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));

// Only the import rules are under test here: without types, these probes lint in milliseconds.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [
    { languageOptions: { parserOptions: { projectService: false, project: null } } },
    { files: ["**/*.ts"], ...tseslint.configs.disableTypeChecked },
  ],
});

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer rules (eslint no-restricted-imports)", () => {
  it.each([
    ["src/search/probe.ts", 'import { createApp } from "../http/errors.js";\nexport const x = createApp;\n'],
    ["src/search/probe.ts", 'import { createBot } from "../bot/router.js";\nexport const x = createBot;\n'],
    ["src/knowledge/probe.ts", 'import type { Store } from "../store/port.js";\nexport type X = Store;\n'],
    [
      "src/replies/flex/probe.ts",
      'import type { Store } from "../../store/port.js";\nexport type X = Store;\n',
    ],
    ["src/replies/probe.ts", 'import express from "express";\nexport const x = express;\n'],
    ["src/store/port-probe.ts", 'import type { Ctx } from "../bot/context.js";\nexport type X = Ctx;\n'],
    [
      "src/http/probe.ts",
      'import { MENUS } from "../../richmenu/build-menus.js";\nexport const x = MENUS;\n',
    ],
    [
      "src/bot/probe.ts",
      'import { x as y } from "../../test/helpers/bot-fixtures.js";\nexport const x = y;\n',
    ],
    ["src/search/probe.ts", 'import { loadConfig } from "../config.js";\nexport const x = loadConfig;\n'],
  ])("%s importing upwards fails: %s", async (file, code) => {
    expect(await importErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ["src/search/probe.ts", 'import { WARDS } from "../knowledge/schema.js";\nexport const x = WARDS;\n'],
    [
      "src/replies/flex/probe.ts",
      'import { encodePostback } from "../../postback.js";\nexport const x = encodePostback;\n',
    ],
    ["src/http/probe.ts", 'import { MENUS } from "../richmenu/definitions.js";\nexport const x = MENUS;\n'],
    [
      "src/notices/probe.ts",
      'import { textStyle } from "../replies/flex/parts.js";\nexport const x = textStyle;\n',
    ],
  ])("%s importing what its layer may passes: %s", async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});

describe("type-checked rules (typescript-eslint recommendedTypeChecked)", () => {
  // The probes are not files of the TypeScript project, so the project service types them with
  // the project's tsconfig as a default project; the rules are the project's own.
  const typed = new ESLint({
    cwd: root,
    overrideConfig: {
      languageOptions: {
        parserOptions: {
          projectService: {
            allowDefaultProject: ["src/store/probe-*.ts", "test/unit/lint/probe-*.test.ts"],
            defaultProject: "tsconfig.json",
          },
          tsconfigRootDir: root,
        },
      },
    },
  });
  async function findings(filePath: string, code: string): Promise<string[]> {
    const [result] = await typed.lintText(code, { filePath: `${root}${filePath}` });
    return (result?.messages ?? []).map((m) => `${m.ruleId ?? "(parser)"}: ${m.message}`);
  }

  const firestoreAsAny = [
    'import type { DocumentSnapshot } from "@google-cloud/firestore";',
    "export const wardOf = (snap: DocumentSnapshot): string => snap.data()?.ward;",
    "",
  ].join("\n");
  const firestoreParsed = [
    'import type { DocumentSnapshot } from "@google-cloud/firestore";',
    'import { readDocument } from "./firestore-common.js";',
    'import { ProfileDocument } from "./firestore-documents.js";',
    "export const wardOf = (snap: DocumentSnapshot): string | null => readDocument(ProfileDocument, snap).ward;",
    "",
  ].join("\n");
  const floating = [
    "export async function later(): Promise<number> {",
    "  await Promise.resolve();",
    "  return 1;",
    "}",
    "export function fire(): void {",
    "  later();",
    "}",
    "",
  ].join("\n");

  it("fails a Firestore document used as `any` in an adapter, and passes it parsed at the edge", async () => {
    expect(await findings("src/store/probe-unsafe.ts", firestoreAsAny)).toEqual([
      expect.stringMatching(/^@typescript-eslint\/no-unsafe-(member-access|return)/),
    ]);
    expect(await findings("src/store/probe-parsed.ts", firestoreParsed)).toEqual([]);
  }, 240_000); // the first typed lint starts the TypeScript project service

  it("fails a promise nobody awaits, in src/ and in tests alike", async () => {
    expect(await findings("src/store/probe-floating.ts", floating)).toEqual([
      expect.stringMatching(/^@typescript-eslint\/no-floating-promises/),
    ]);
    expect(await findings("test/unit/lint/probe-floating.test.ts", floating)).toEqual([
      expect.stringMatching(/^@typescript-eslint\/no-floating-promises/),
    ]);
  }, 120_000);

  it("lets test files read JSON answers loosely (they check them with expect), and nothing else", async () => {
    const loose = "export const idOf = (body: string): string => JSON.parse(body).notice.id;\n";
    expect(await findings("test/unit/lint/probe-loose.test.ts", loose)).toEqual([]);
    expect(await findings("src/store/probe-loose.ts", loose)).not.toEqual([]);
  }, 120_000);
});
