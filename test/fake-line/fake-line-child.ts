/**
 * The child side of fake-line-process.ts: runs the fake LINE API and answers the parent's
 * questions over IPC. Not imported by anything; forked by startFakeLineProcess.
 */
import { createFakeLineApi, type FakeLineApi } from "./fake-line-api.js";
import type { FromChild, ToChild } from "./fake-line-process.js";

let fake: FakeLineApi | null = null;
let cpu0 = process.cpuUsage();
const cpuS = (): number => {
  const c = process.cpuUsage(cpu0);
  return (c.user + c.system) / 1e6;
};
const answer = (m: FromChild): void => void process.send?.(m);

process.on("message", (m: ToChild) => {
  void (async () => {
    try {
      switch (m.type) {
        case "start":
          fake = await createFakeLineApi(m.options);
          cpu0 = process.cpuUsage();
          answer({ type: "ready", url: fake.url, dataUrl: fake.dataUrl });
          break;
        case "cpu":
          answer({ type: "cpu", cpuS: cpuS() });
          break;
        case "report": {
          if (!fake) throw new Error("not started");
          const f = fake;
          answer({
            type: "report",
            requests: f.requests.map((r) => ({
              endpoint: r.endpoint,
              status: r.status,
              at: r.at,
              retryKey: r.retryKey,
            })),
            deliveries: f.recipients().map((u) => [u, f.delivered(u).length]),
            cpuS: cpuS(),
            stats: f.stats(),
          });
          break;
        }
        case "close":
          await fake?.close();
          process.disconnect?.();
          process.exit(0);
      }
    } catch (e) {
      answer({ type: "error", message: e instanceof Error ? e.message : String(e) });
    }
  })();
});
// The parent going away ends the child (no orphaned server).
process.on("disconnect", () => process.exit(0));
