// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * The layers of src/ (docs/architecture.md draws them), as a table below: each row the files and
 * the modules of src/ they may import; a rule forbids the rest. Relative imports are matched by the folder they name, so
 * `../bot/router.js` from src/search/ and `../../bot/router.js` from src/search/sub/ are both
 * caught (no folder inside a layer is named like a top-level one).
 */
const UP = "^(\\.\\./)+";
const ENTRY_POINTS = `${UP}(app|deps|config|server)\\.js$`;
/** @param {string[]} folders */
const folders = (folders) => `${UP}(${folders.join("|")})(/|\\.js$)`;
/**
 * Every module of src/ a layer rule speaks of, bottom to top (a folder, or a file at src/'s top).
 * Folders not named here (catalogue/, bulletin/, privacy/) sit above the pure layers and are not
 * restricted beyond what every file of src/ is.
 */
const MODULES = [
  "knowledge",
  "postback",
  "search",
  "replies",
  "store",
  "richmenu",
  "notices",
  "line",
  "bot",
  "http",
  "cli",
  "logging",
  "domain-error",
  "user-hash",
];

const SERVER_PACKAGES = [
  "express",
  "@google-cloud/firestore",
  "firebase-admin",
  "firebase-functions",
  "pino",
];

/**
 * The layer table: which files, which modules of src/ they may import (everything else in
 * MODULES is forbidden, plus `alsoForbidden`), and which packages they must not import.
 * @typedef {{ name: string; files: string[]; may: string[]; alsoForbidden?: string[]; packages?: string[] }} Layer
 * @type {Layer[]}
 */
const LAYERS = [
  {
    name: "text/ and time/",
    files: ["src/text/**/*.ts", "src/time/**/*.ts"],
    may: [],
    packages: SERVER_PACKAGES,
  },
  { name: "knowledge/", files: ["src/knowledge/**/*.ts"], may: ["knowledge"], packages: SERVER_PACKAGES },
  {
    name: "postback.ts",
    files: ["src/postback.ts"],
    may: ["knowledge", "postback"],
    packages: SERVER_PACKAGES,
  },
  { name: "search/", files: ["src/search/**/*.ts"], may: ["knowledge", "search"], packages: SERVER_PACKAGES },
  {
    name: "replies/",
    files: ["src/replies/**/*.ts"],
    may: ["knowledge", "postback", "search", "replies"],
    packages: [...SERVER_PACKAGES, "node:fs", "node:fs/promises"],
  },
  {
    name: "richmenu/ (the model)",
    files: ["src/richmenu/**/*.ts"],
    may: ["knowledge", "postback", "replies", "richmenu"],
    packages: SERVER_PACKAGES,
  },
  {
    name: "the store port",
    files: ["src/store/port.ts", "src/store/rules.ts", "src/store/store-spec.ts"],
    may: ["knowledge", "store"],
    alsoForbidden: ["store/embedded", "store/firestore", "store/create-store"],
    packages: SERVER_PACKAGES,
  },
  {
    name: "store/",
    files: ["src/store/**/*.ts"],
    may: ["knowledge", "store", "logging", "domain-error", "user-hash"],
  },
  {
    name: "notices/",
    files: ["src/notices/**/*.ts"],
    may: [
      "knowledge",
      "postback",
      "replies",
      "store",
      "notices",
      "line",
      "logging",
      "domain-error",
      "user-hash",
    ],
    packages: ["express"],
  },
  {
    name: "line/",
    files: ["src/line/**/*.ts"],
    may: ["postback", "line", "logging", "domain-error", "user-hash"],
    packages: ["express"],
  },
  {
    name: "bot/",
    files: ["src/bot/**/*.ts"],
    may: MODULES.filter((m) => m !== "http" && m !== "cli"),
    packages: ["express"],
  },
];

/** @param {Layer} l */
const ruleOf = (l) => {
  const forbidden = [...MODULES.filter((m) => !l.may.includes(m)), ...(l.alsoForbidden ?? [])];
  return {
    regex: folders(forbidden),
    message: `${l.name} sits below ${forbidden.join(", ")} and must not import them (docs/architecture.md).`,
    packages: l.packages ?? [],
  };
};

/**
 * Nothing in src/ imports the top-level richmenu/ tooling, tests, scripts or functions/. By file
 * depth, because `../richmenu/` from src/http/ is src/richmenu/ (the model) but from src/ it is
 * the tooling.
 */
const OUTSIDE_SRC = ["richmenu", "test", "scripts", "functions"];
/** @param {number} depth */
const outside = (depth) => `^(\\.\\./){${depth}}(${OUTSIDE_SRC.join("|")})/`;
const DEPTHS = [
  { files: "src/*.ts", regex: outside(1) },
  { files: "src/*/*.ts", regex: outside(2) },
  { files: "src/*/*/*.ts", regex: outside(3) },
  { files: "src/*/*/*/*.ts", regex: outside(4) },
];

/**
 * zod's named `z` is a namespace object the bundler must keep whole, with zod's messages in 60-odd
 * languages (~540 KiB parsed at every cold start of a function); `import * as z` lets it keep only
 * what is used (test/integration/functions.test.ts checks the bundle).
 */
const ZOD_NAMESPACE = {
  selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
  message: 'Write `import * as z from "zod"`: the named `z` puts all of zod in the start-up bundle.',
};

/**
 * One config block per (layer, depth): a later no-restricted-imports setting replaces an earlier
 * one, so each block states every restriction that applies to its files.
 * @param {string[]} files @param {ReturnType<typeof ruleOf> | null} rule
 */
const restrictions = (files, rule) =>
  DEPTHS.map((d) => ({
    files: files.map((f) => [f, d.files]),
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: (rule?.packages ?? []).map((name) => ({
            name,
            message: `${rule?.message} No ${name} in this layer.`,
          })),
          patterns: [
            // Wiring (app, deps, config, server) is imported by entry points, the CLI and http/ only.
            ...(rule
              ? [
                  { regex: rule.regex, message: rule.message },
                  {
                    regex: ENTRY_POINTS,
                    message: "Only entry points, cli/ and http/ import app, deps, config and server.",
                  },
                ]
              : []),
            { regex: d.regex, message: "src/ must not import richmenu/, test/, scripts/ or functions/." },
          ],
        },
      ],
    },
  }));

export default tseslint.config(
  {
    ignores: ["node_modules/", "dist/", "functions/lib/", "coverage/", "test-artifacts/", "**/*.generated.*"],
  },
  js.configs.recommended,
  // The type-checked rule set on every TypeScript file: a promise nobody awaits loses its error,
  // and a value typed `any` (parsed JSON, a Firestore document) is parsed at the edge, not used.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
      // In-memory adapters and fakes implement async ports without awaiting anything; `async`
      // keeps a thrown error a rejected promise, which is what every caller of a port handles.
      "@typescript-eslint/require-await": "off",
      // A caught reason passed on unchanged (`(e: unknown) => reject(e)`) is the original error;
      // a string or a plain object is still refused.
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true }],
      "no-restricted-syntax": ["error", ZOD_NAMESPACE],
    },
  },
  // The browser scripts of the consoles and this file are not in the TypeScript project.
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
  // Test files read the JSON answers of a real server and CLI (`await res.json()`,
  // `JSON.parse(stdout)`) and check them with `expect`: the assertion is the runtime check, and a
  // body of the wrong shape fails the test. Helpers and fakes outside *.test.ts keep every rule.
  {
    files: ["test/**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  // Every file of src/, then each layer (later blocks win, so the narrower layers come last).
  ...restrictions(["src/**/*.ts"], null),
  ...LAYERS.flatMap((l) => restrictions(l.files, ruleOf(l))),
);
