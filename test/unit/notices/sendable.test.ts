/**
 * Preview, dry run and confirm check the exact messages that will be sent against what LINE
 * accepts. A link stored before links were percent-encoded (or written to the store by hand)
 * would make LINE refuse the whole multicast with 400 and nobody would be reached: the dry run
 * names the problem and confirm refuses. The same check with the full OpenAPI validator
 * plugged in agrees.
 */
import { describe, expect, it } from "vitest";
import { createNoticeService, NoticeError } from "../../../src/notices/notice-service.js";
import { createEmbeddedStore } from "../../../src/store/embedded/index.js";
import { createRecordingMessenger } from "../../../src/line/recording-messenger.js";
import { createLineValidator } from "../../line-schema/line-validator.js";
import { expectValidLineMessages } from "../../helpers/line-assert.js";
import { NOW, noticeInput } from "../../helpers/notices.js";
import type { Message } from "../../../src/line/messenger.js";

const schema = createLineValidator();
const variants = [
  ["platform limits (production default)", undefined],
  ["full OpenAPI validator", (m: Message[]) => schema.validateMessages(m, { context: "multicast" })],
] as const;

for (const [name, checkMessages] of variants) {
  describe(`notice messages LINE would refuse — ${name}`, () => {
    async function setup() {
      const store = createEmbeddedStore();
      const service = createNoticeService({
        store,
        messenger: createRecordingMessenger(),
        clock: () => NOW,
        findProgram: () => undefined,
        ...(checkMessages ? { checkMessages } : {}),
      });
      return { store, service };
    }

    it("a typed kana link is stored encoded and its messages pass LINE's schema", async () => {
      const { service } = await setup();
      const draft = await service.createDraft(
        noticeInput({
          url: "https://www.city.kumamoto.jp/お知らせ 一覧",
          imageUrl: "https://example.jp/画像.png",
        }),
      );
      expect(draft.url).toBe(
        "https://www.city.kumamoto.jp/%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B%20%E4%B8%80%E8%A6%A7",
      );
      expectValidLineMessages(await service.preview(draft.id), "multicast");
      expect(await service.problems(draft.id)).toEqual([]);
      expect((await service.dryRun(draft.id)).problems).toEqual([]);
    });

    it("a stored raw link: dry run names it, confirm refuses and leaves the draft as it was", async () => {
      const { store, service } = await setup();
      const draft = await service.createDraft(noticeInput({ url: "https://www.city.kumamoto.jp/" }));
      const record = await store.getNotice(draft.id);
      if (!record) throw new Error("draft not stored");
      // As written before links were encoded: kana and a space in the URL.
      await store.updateNotice(
        { ...record, data: { ...record.data, url: "https://www.city.kumamoto.jp/お知らせ 一覧" } },
        record.version,
      );
      expect(schema.validateMessages(await service.preview(draft.id), { context: "multicast" })).not.toEqual(
        [],
      );

      const dry = await service.dryRun(draft.id);
      expect(dry.problems.length).toBeGreaterThan(0);
      expect(dry.problems[0]?.message).toMatch(/LINEが受け付けない形です.*uri/);
      expect(await service.problems(draft.id)).toEqual(dry.problems);

      const refused = await service.confirm(draft.id).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(NoticeError);
      expect(refused).toMatchObject({ kind: "invalid", code: "unsendable" });
      expect((await service.get(draft.id)).notice.state).toBe("draft");
    });

    it("the console's live preview encodes a typed link as the draft will, so it has nothing to report", async () => {
      const { service } = await setup();
      const ok = service.previewInput(noticeInput({ url: "https://example.jp/a b" }));
      expect(ok.issues).toEqual([]);
      if (!ok.messages) throw new Error("no preview messages");
      expect(JSON.stringify(ok.messages)).toContain("https://example.jp/a%20b");
      expect(JSON.stringify(ok.messages)).not.toContain("https://example.jp/a b");
      expectValidLineMessages(ok.messages, "multicast");
    });
  });
}
