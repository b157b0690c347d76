import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The Firestore emulator and Chromium are shared, single instances per run.
    globalSetup: ["test/helpers/global-setup.ts"],
  },
});
