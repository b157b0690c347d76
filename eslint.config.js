// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * The layers of src/ (docs/architecture.md draws them). Each entry: the files, and the folders
 * of src/ they must not import. Relative imports are matched by the folder they name, so
 * `../bot/router.js` from src/search/ and `../../bot/router.js` from src/search/sub/ are both
 * caught (no folder inside a layer is named like a top-level one).
 */
const UP = "^(\\.\\./)+";
const ENTRY_POINTS = `${UP}(app|deps|config|server)\\.js$`;
/** @param {string[]} folders */
const folders = (folders) => `${UP}(${folders.join("|")})(/|\\.js$)`;
/** @param {string} layer @param {string[]} forbidden @param {string[]} [packages] */
const layer = (layer, forbidden, packages = []) => ({
  regex: folders(forbidden),
  message: `${layer} sits below ${forbidden.join(", ")} and must not import them (docs/architecture.md).`,
  packages,
});

const SERVER_PACKAGES = [
  "express",
  "@google-cloud/firestore",
  "firebase-admin",
  "firebase-functions",
  "pino",
];

/** @type {Array<{ files: string[]; rule: ReturnType<typeof layer> }>} */
const LAYERS = [
  {
    files: ["src/text/**/*.ts"],
    rule: layer(
      "text/",
      [
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
      ],
      SERVER_PACKAGES,
    ),
  },
  {
    files: ["src/time/**/*.ts"],
    rule: layer(
      "time/",
      [
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
      ],
      SERVER_PACKAGES,
    ),
  },
  {
    files: ["src/knowledge/**/*.ts"],
    rule: layer(
      "knowledge/",
      [
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
      ],
      SERVER_PACKAGES,
    ),
  },
  {
    files: ["src/postback.ts"],
    rule: layer(
      "postback.ts",
      [
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
      ],
      SERVER_PACKAGES,
    ),
  },
  {
    files: ["src/search/**/*.ts"],
    rule: layer(
      "search/",
      [
        "postback",
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
      ],
      SERVER_PACKAGES,
    ),
  },
  {
    files: ["src/replies/**/*.ts"],
    rule: layer(
      "replies/",
      ["store", "richmenu", "notices", "line", "bot", "http", "cli", "logging", "domain-error", "user-hash"],
      [...SERVER_PACKAGES, "node:fs", "node:fs/promises"],
    ),
  },
  {
    files: ["src/richmenu/**/*.ts"],
    rule: layer(
      "richmenu/ (the model)",
      ["search", "store", "notices", "line", "bot", "http", "cli", "logging", "domain-error", "user-hash"],
      SERVER_PACKAGES,
    ),
  },
  {
    files: ["src/store/port.ts", "src/store/rules.ts", "src/store/store-spec.ts"],
    rule: layer(
      "the store port",
      [
        "postback",
        "search",
        "replies",
        "richmenu",
        "notices",
        "line",
        "bot",
        "http",
        "cli",
        "logging",
        "domain-error",
        "user-hash",
        "store/embedded",
        "store/firestore",
        "store/create-store",
      ],
      SERVER_PACKAGES,
    ),
  },
  {
    files: ["src/store/**/*.ts"],
    rule: layer("store/", [
      "postback",
      "search",
      "replies",
      "richmenu",
      "notices",
      "line",
      "bot",
      "http",
      "cli",
    ]),
  },
  {
    files: ["src/notices/**/*.ts"],
    rule: layer("notices/", ["search", "richmenu", "bot", "http", "cli"], ["express"]),
  },
  {
    files: ["src/line/**/*.ts"],
    rule: layer(
      "line/",
      ["knowledge", "search", "replies", "store", "richmenu", "notices", "bot", "http", "cli"],
      ["express"],
    ),
  },
  {
    files: ["src/bot/**/*.ts"],
    rule: layer("bot/", ["http", "cli"], ["express"]),
  },
];

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
 * One config block per (layer, depth): a later no-restricted-imports setting replaces an earlier
 * one, so each block states every restriction that applies to its files.
 * @param {string[]} files @param {ReturnType<typeof layer> | null} rule
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
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  // Type-aware rules on every TypeScript file: a promise nobody awaits loses its error.
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
    },
  },
  // Every file of src/, then each layer (later blocks win, so the narrower layers come last).
  ...restrictions(["src/**/*.ts"], null),
  ...LAYERS.flatMap(({ files, rule }) => restrictions(files, rule)),
);
