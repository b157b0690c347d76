/** scrubPersonalData: LINE ids, phone numbers and e-mail addresses go; dates, postal codes and words stay. */
import { describe, expect, it } from "vitest";
import { scrubPersonalData } from "../../../src/privacy/scrub-personal.js";

describe("scrubPersonalData", () => {
  it.each([
    ["電話は096-328-2111です", "電話は[phone]です"],
    ["０９０－１２３４－５６７８に連絡ください", "[phone]に連絡ください"],
    ["09012345678", "[phone]"],
    ["(096)328-2111", "([phone]"],
    ["+81 96-328-2111", "[phone]"],
    ["mail: taro.yamada+lb@example.co.jp まで", "mail: [email] まで"],
    ["taro＠example.com へ", "[email] へ"],
    ["私は U0123456789abcdef0123456789abcdef です", "私は [line-id] です"],
  ])("%s", (input, expected) => {
    expect(scrubPersonalData(input)).toBe(expected);
  });

  it("keeps dates, times, postal codes, years and amounts", () => {
    for (const s of ["2026-12-05 10:00 に", "〒860-0001 中央区", "令和2年度", "参加費500円", "0120"]) {
      expect(scrubPersonalData(s)).toBe(s);
    }
  });
});

describe("personal data in logs and staff screens", () => {
  it("the outdated-postback log line carries no LINE id, phone number or e-mail address", async () => {
    const { createTestDeps } = await import("../../helpers/bot-fixtures.js");
    const { createBot } = await import("../../../src/bot/router.js");
    const { postbackEvent } = await import("../../helpers/line-events.js");
    const deps = await createTestDeps();
    const raw = "v0:call:Uaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:090-1234-5678:hanako@example.jp";
    await createBot(deps).handleEvent(postbackEvent(raw));
    const line = deps.logs
      .lines()
      .find((l) => l.message === "outdated postback" || l.msg === "outdated postback");
    expect(line).toBeDefined();
    const out = JSON.stringify(deps.logs.lines());
    expect(out).toContain("[line-id]");
    for (const secret of ["Uaaaaaaaa", "090-1234-5678", "hanako@example.jp"])
      expect(out).not.toContain(secret);
    await deps.store.close();
  });

  it("staff see unanswered questions scrubbed, even ones stored before the store scrubbed them", async () => {
    const { createNoticeService } = await import("../../../src/notices/notice-service.js");
    const { createEmbeddedStore } = await import("../../../src/store/embedded/index.js");
    const { createRecordingMessenger } = await import("../../../src/line/recording-messenger.js");
    const store = createEmbeddedStore();
    const legacy = {
      ...store,
      listUnanswered: async () => [{ text: "090-1234-5678 の件", count: 1, askers: 1, lastAt: 0 }],
    };
    const service = createNoticeService({
      store: legacy,
      messenger: createRecordingMessenger(),
      clock: () => 0,
      findProgram: () => undefined,
    });
    expect(await service.unanswered(10)).toEqual([{ text: "[phone] の件", count: 1, askers: 1, lastAt: 0 }]);
  });
});
