/**
 * Staff operations on emergency bulletins — publish or update, withdraw, list — shared by the
 * admin API and the CLI so both apply the same rules; and the read residents' replies use.
 * Receives the store as an argument.
 */
import type { BulletinStore } from "../store/port.js";
import { formatStaffTime } from "../time/tokyo-time.js";
import { NoticeError } from "../notices/notice-service.js";
import { toIssues } from "../notices/notice.js";
import {
  bulletinScopes,
  BulletinInputSchema,
  bulletinFromRecord,
  bulletinToRecord,
  bulletinsFor,
  scopeLabel,
  type Bulletin,
  type BulletinScope,
} from "./bulletin.js";
import type { Ward } from "../knowledge/schema.js";

/** A bulletin as staff screens show it: content, state and readable times. */
export interface BulletinView extends Bulletin {
  scopeLabel: string;
  updatedAtLabel: string;
  publishedAtLabel: string;
}

export const toBulletinView = (b: Bulletin): BulletinView => ({
  ...b,
  scopeLabel: scopeLabel(b.scope),
  updatedAtLabel: formatStaffTime(b.updatedAt),
  publishedAtLabel: formatStaffTime(b.publishedAt),
});

export interface BulletinServiceDeps {
  store: BulletinStore;
  clock: () => number;
}

/** The bulletin operations; refusals are thrown as `NoticeError` (a DomainError; src/http/errors.ts maps its kind to a status). */
export function createBulletinService({ store, clock }: BulletinServiceDeps) {
  async function load(scope: BulletinScope): Promise<Bulletin | null> {
    const r = await store.getBulletin(scope);
    return r ? bulletinFromRecord(r) : null;
  }

  async function write(next: Bulletin, expected: number | null): Promise<BulletinView> {
    if (!(await store.putBulletin(bulletinToRecord(next), expected))) {
      throw new NoticeError(
        "conflict",
        "conflict",
        "ほかの操作と重なりました。読み込み直して、もう一度ためしてください。",
      );
    }
    return toBulletinView({ ...next, version: expected === null ? 0 : expected + 1 });
  }

  return {
    /**
     * Publishes the bulletin of an area, or updates the one already published (its time stamp
     * becomes now; the first publish time is kept). After a withdrawal it starts a new episode.
     */
    async publish(scope: BulletinScope, input: unknown): Promise<BulletinView> {
      const parsed = BulletinInputSchema.safeParse(input);
      if (!parsed.success)
        throw new NoticeError("invalid", "invalid", "入力を確かめてください。", toIssues(parsed.error));
      const now = clock();
      const cur = await load(scope);
      const continuing = cur?.state === "published";
      return write(
        {
          scope,
          title: parsed.data.title,
          body: parsed.data.body,
          url: parsed.data.url ?? null,
          author: parsed.data.author,
          state: "published",
          publishedAt: continuing ? cur.publishedAt : now,
          updatedAt: now,
          version: cur?.version ?? 0,
        },
        cur ? cur.version : null,
      );
    },

    /** Ends the bulletin of an area (the emergency is over there). Withdrawing twice is harmless. */
    async withdraw(scope: BulletinScope): Promise<BulletinView> {
      const cur = await load(scope);
      if (!cur)
        throw new NoticeError(
          "not-found",
          "not-found",
          `${scopeLabel(scope)}の 緊急のお知らせは ありません。`,
        );
      if (cur.state === "withdrawn") return toBulletinView(cur);
      return write({ ...cur, state: "withdrawn", updatedAt: clock() }, cur.version);
    },

    /** Every area in a fixed order (city-wide first), with its bulletin or null. */
    async list(): Promise<Array<{ scope: BulletinScope; label: string; bulletin: BulletinView | null }>> {
      const all = (await store.listBulletins()).map(bulletinFromRecord).filter((b): b is Bulletin => !!b);
      return bulletinScopes().map((scope) => {
        const b = all.find((x) => x.scope === scope);
        return { scope, label: scopeLabel(scope), bulletin: b ? toBulletinView(b) : null };
      });
    },

    /** What a resident of `ward` sees now: their ward's bulletin, then the city-wide one. */
    async forResident(ward: Ward | null): Promise<Bulletin[]> {
      const all = (await store.listBulletins()).map(bulletinFromRecord).filter((b): b is Bulletin => !!b);
      return bulletinsFor(all, ward);
    },
  };
}

export type BulletinService = ReturnType<typeof createBulletinService>;
