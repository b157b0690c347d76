/**
 * The delivery report staff see: batch and recipient counts per state and failures grouped
 * by reason. Pure, and counts only — the batches hold user IDs, the report never does.
 */
import type { DeliveryBatch } from "../store/port.js";

export interface DeliveryReport {
  batches: { total: number; pending: number; sent: number; failed: number };
  recipients: { total: number; pending: number; sent: number; failed: number };
  /** Failed batches grouped by reason, most recipients first. */
  failures: Array<{ reason: string; batches: number; recipients: number }>;
  /** Total send attempts recorded over all batches (retries included). */
  attempts: number;
}

/** Summarises a notice's batches for staff screens. */
export function summarizeBatches(batches: readonly DeliveryBatch[]): DeliveryReport {
  const report: DeliveryReport = {
    batches: { total: 0, pending: 0, sent: 0, failed: 0 },
    recipients: { total: 0, pending: 0, sent: 0, failed: 0 },
    failures: [],
    attempts: 0,
  };
  const byReason = new Map<string, { batches: number; recipients: number }>();
  for (const b of batches) {
    const n = b.userIds.length;
    report.batches.total += 1;
    report.batches[b.state] += 1;
    report.recipients.total += n;
    report.recipients[b.state] += n;
    report.attempts += b.attempts;
    if (b.state === "failed") {
      const reason = b.reason ?? "unknown";
      const g = byReason.get(reason) ?? { batches: 0, recipients: 0 };
      g.batches += 1;
      g.recipients += n;
      byReason.set(reason, g);
    }
  }
  report.failures = [...byReason.entries()]
    .map(([reason, g]) => ({ reason, ...g }))
    .sort((a, b) => b.recipients - a.recipients || a.reason.localeCompare(b.reason));
  return report;
}
