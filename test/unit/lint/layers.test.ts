/**
 * `npm run lint` enforces the layers of docs/architecture.md: a deliberate wrong import, placed
 * where it would sit in src/, fails ESLint with the project's own configuration, and the same
 * file importing only what its layer may import passes. Runs ESLint's Node API on text, so no
 * file is written into src/.
 */
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));

// The type-aware rules need the file on disk in the TypeScript project; the probes are not, and
// only the import rules are under test here.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: {
      "@typescript-eslint/no-floating-promises": "off",
      "@typescript-eslint/no-misused-promises": "off",
      "@typescript-eslint/await-thenable": "off",
    },
  },
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
