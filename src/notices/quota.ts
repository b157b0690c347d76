/**
 * This month's message budget for staff notices, as a pure function: LINE's own quota (when
 * the platform says), the city's limit from MONTHLY_MESSAGE_QUOTA (when set), what was already
 * used and what confirmed notices will still use. The stricter limit wins.
 */

/** What LINE reports (GET /v2/bot/message/quota + consumption); null where it cannot be asked. */
export interface LineQuota {
  limit: number | null;
  used: number;
}

export interface QuotaInput {
  line: LineQuota | null;
  /** MONTHLY_MESSAGE_QUOTA, or null. */
  configured: number | null;
  /** Messages our notices delivered this month (used when LINE does not report usage). */
  sentByNotices: number;
  /** Messages confirmed notices will use when they go out (not yet counted as used). */
  reserved: number;
}

export interface QuotaStatus {
  /** The stricter of LINE's limit and the configured one; null when neither is known. */
  limit: number | null;
  used: number;
  reserved: number;
  /** What a new send may use; null when no limit is known. */
  remaining: number | null;
  /** Which limit applies: "line", "config", or null (none known). */
  limitedBy: "line" | "config" | null;
}

/** Combines the limits; never negative. */
export function quotaStatus(q: QuotaInput): QuotaStatus {
  const used = q.line ? Math.max(q.line.used, q.sentByNotices) : q.sentByNotices;
  const lineLimit = q.line?.limit ?? null;
  let limit: number | null = null;
  let limitedBy: QuotaStatus["limitedBy"] = null;
  if (lineLimit !== null) {
    limit = lineLimit;
    limitedBy = "line";
  }
  if (q.configured !== null && (limit === null || q.configured < limit)) {
    limit = q.configured;
    limitedBy = "config";
  }
  const remaining = limit === null ? null : Math.max(0, limit - used - q.reserved);
  return { limit, used, reserved: q.reserved, remaining, limitedBy };
}
