/**
 * `audience check [--json]` and `audience rebuild [--dry-run | --confirm] [--json]`: the upkeep
 * of the store's audience index (Firestore's 256 audience buckets, see docs/firestore.md).
 *
 * `check` compares the buckets with the profiles and writes nothing; exit 1 when they disagree
 * or the index is not in use yet, so it can run from a scheduler as a health check.
 * `rebuild` asks first, as every bulk action here does: without a flag it says what it would do
 * (one read of the index state); `--dry-run` is the check, saying what would change; `--confirm`
 * rewrites each bucket that disagrees (one transaction per bucket, safe while the bot runs,
 * harmless to repeat) and puts the index in use. Counts only: no user ID is ever printed.
 *
 * Stores that read the audience straight from their profiles (the embedded store) have no
 * index; the command says so and exits 0.
 */
import type { AudienceIndexReport } from "../../store/port.js";
import { runOnStaffStore } from "../staff-store.js";
import { usageError, type Command } from "../io.js";

const USAGE = "usage: audience check [--json] | audience rebuild [--dry-run | --confirm] [--json]";

const lines = (r: AudienceIndexReport, verb: "found" | "would fix" | "fixed"): string[] => [
  `audience index: ${r.buckets} buckets, ${r.ready ? "in use" : "NOT in use yet (deliveries query the profiles)"}`,
  `profiles read: ${r.profiles}; audience entries they call for: ${r.entries}`,
  `${verb}: ${r.missing} missing, ${r.stale} with another ward or topics, ${r.extra} for nobody`,
  `fullest bucket: ${r.fullest} of ${r.capacity} entries`,
  ...(verb === "fixed" ? [`bucket documents rewritten: ${r.rewritten}`] : []),
];

const disagrees = (r: AudienceIndexReport): boolean => r.missing + r.stale + r.extra > 0;

const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  const json = rest.includes("--json");
  const dryRun = rest.includes("--dry-run");
  const confirm = rest.includes("--confirm");
  const known = new Set(["--json", ...(sub === "rebuild" ? ["--dry-run", "--confirm"] : [])]);
  const unknown = rest.find((a) => !known.has(a));
  if ((sub !== "check" && sub !== "rebuild") || unknown !== undefined || (dryRun && confirm))
    return usageError(io, unknown !== undefined ? `unknown option ${unknown}\n${USAGE}` : USAGE);

  return runOnStaffStore(io, json, async ({ store, print }) => {
    const index = store.audienceIndex;
    if (!index) {
      print({ index: false }, () => [
        `${store.kind} reads the audience straight from its profiles: there is no audience index to check or rebuild.`,
      ]);
      return 0;
    }
    if (sub === "check" || dryRun) {
      const report = await index.checkAudienceIndex();
      print(report, () => [
        ...lines(report, sub === "check" ? "found" : "would fix"),
        ...(sub === "check"
          ? disagrees(report) || !report.ready
            ? ["run `audience rebuild` (then --dry-run, then --confirm) to repair it"]
            : ["the index agrees with the profiles"]
          : ["nothing was written; run `audience rebuild --confirm` to write it"]),
      ]);
      // Profiles changing during the check can show a difference that is already gone.
      return sub === "check" && (disagrees(report) || !report.ready) ? 1 : 0;
    }
    if (!confirm) {
      print({ preview: true, store: store.kind }, () => [
        `audience rebuild on ${store.kind} will:`,
        "  - read every profile once (one document read each),",
        "  - rewrite each of the 256 audience buckets that disagrees with them, in its own transaction",
        "    (settings changes meanwhile wait for it or are read again: nothing is lost),",
        "  - then put the index in use for deliveries and counts.",
        "It is safe while the bot runs and harmless to repeat.",
        "next: `audience rebuild --dry-run` (what would change), then `audience rebuild --confirm`",
      ]);
      return 0;
    }
    const report = await index.rebuildAudienceIndex();
    print(report, () => lines(report, "fixed"));
    return 0;
  });
};

export default run;
