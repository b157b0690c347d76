/** The recording messenger used by tests: copies of every call and scripted results. */
import { describe, expect, it } from "vitest";
import type { Message } from "../../../src/line/messenger.js";
import { createRecordingMessenger } from "../../../src/line/recording-messenger.js";

const hi: Message[] = [{ type: "text", text: "こんにちは" }];

describe("createRecordingMessenger", () => {
  it("records calls as copies and tells who received what", async () => {
    const m = createRecordingMessenger();
    const messages: Message[] = [{ type: "text", text: "a" }];
    await m.reply("token-1", messages);
    (messages[0] as { text: string }).text = "changed later";
    await m.multicast(["U1", "U2"], hi, "key-1");
    await m.push("U2", hi);
    expect(m.replies()).toEqual([[{ type: "text", text: "a" }]]);
    expect(m.deliveredTo("U1")).toEqual(hi);
    expect(m.deliveredTo("U2")).toEqual([...hi, ...hi]);
    expect(m.calls.map((c) => c.kind)).toEqual(["reply", "multicast", "push"]);
  });

  it("returns scripted results in order, and failed sends deliver nothing", async () => {
    const m = createRecordingMessenger({ quota: { limit: 200, used: 10 } });
    const failure = {
      ok: false as const,
      status: 500,
      retryable: true,
      acceptedRequestId: null,
      retryAfterMs: null,
      message: "boom",
    };
    m.scriptResults(failure);
    expect(await m.multicast(["U1"], hi, "k")).toEqual(failure);
    expect(await m.multicast(["U1"], hi, "k")).toMatchObject({ ok: true });
    expect(m.deliveredTo("U1")).toEqual(hi);
    expect(await m.quota()).toEqual({ limit: 200, used: 10 });
    m.clear();
    expect(m.calls).toEqual([]);
  });
});
