/** The LINE message and rich-menu validator: the official OpenAPI schema with discriminators made checkable, plus platform limits. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertDiscriminators } from "../../line-schema/openapi-schemas.js";
import { createLineValidator, formatLineErrors } from "../../line-schema/line-validator.js";
import { expectValidLineMessages, expectValidRichMenu } from "../../helpers/line-assert.js";

const v = createLineValidator();

const box = (contents: unknown[]): Record<string, unknown> => ({ type: "box", layout: "vertical", contents });
const text = (t: string): Record<string, unknown> => ({ type: "text", text: t, wrap: true, scaling: true });
const postback = (
  label: string,
  data: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  type: "postback",
  label,
  data,
  ...extra,
});
const bubble = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: "bubble",
  body: box([text("東区 防災訓練"), text("当初予算 150万円 / 決算 149.9万円")]),
  footer: box([{ type: "button", style: "primary", action: postback("くわしく", "v1:detail:higashi-001") }]),
  ...over,
});
const flex = (contents: unknown, altText = "東区の取組"): Record<string, unknown> => ({
  type: "flex",
  altText,
  contents,
});
const quickReply = (n: number): Record<string, unknown> => ({
  items: Array.from({ length: n }, (_, i) => ({
    type: "action",
    action: postback(`区${i}`, `v1:ward:${i}`, { displayText: `区${i}` }),
  })),
});

/** The pointers of the errors, so tests say exactly which rule fired where. */
const pointers = (errors: { pointer: string }[]): string[] => errors.map((e) => e.pointer);
const messagesOf = (errors: { message: string }[]): string => errors.map((e) => e.message).join("\n");

describe("valid samples", () => {
  it("accepts text, flex bubble, flex carousel, quick replies and templates", () => {
    const samples: unknown[][] = [
      [{ type: "text", text: "こんにちは。区をえらんでください。", quickReply: quickReply(13) }],
      [flex(bubble())],
      [flex({ type: "carousel", contents: Array.from({ length: 12 }, () => bubble()) })],
      [
        {
          type: "template",
          altText: "確認",
          template: {
            type: "confirm",
            text: "東区でよろしいですか",
            actions: [
              postback("はい", "v1:ward:higashi"),
              { type: "message", label: "いいえ", text: "いいえ" },
            ],
          },
        },
      ],
      [
        {
          type: "template",
          altText: "メニュー",
          template: {
            type: "buttons",
            text: "えらんでください",
            actions: [{ type: "uri", label: "市のサイト", uri: "https://www.city.kumamoto.jp/" }],
          },
        },
        {
          type: "text",
          text: "電話",
          quickReply: { items: [{ type: "action", action: { type: "location", label: "いまの場所" } }] },
        },
      ],
    ];
    for (const messages of samples) {
      expect(formatLineErrors(v.validateMessages(messages))).toBe("");
      expectValidLineMessages(messages);
    }
  });

  it("accepts a 5,000-character text and 5 messages", () => {
    const messages = Array.from({ length: 5 }, () => ({ type: "text", text: "あ".repeat(5000) }));
    expect(v.validateMessages(messages)).toEqual([]);
  });
});

describe("discriminator conversion", () => {
  it("rejects a bubble whose body is not a box (a child referenced directly is pinned)", () => {
    const errors = v.validateMessages([flex(bubble({ body: text("本文") }))]);
    expect(errors).toContainEqual({
      pointer: "/0/contents/body/type",
      message: "must be equal to constant: box",
    });
    expect(messagesOf(errors)).toContain("required property 'layout'");
  });

  it("rejects a malformed box nested inside a box (FlexComponent dispatch)", () => {
    const errors = v.validateMessages([
      flex(bubble({ body: box([box([text("a")]), { type: "box", contents: [] }]) })),
    ]);
    expect(errors).toEqual([
      { pointer: "/0/contents/body/contents/1", message: "must have required property 'layout'" },
    ]);
  });

  it("rejects an unknown component, message, action and template type", () => {
    expect(pointers(v.validateMessages([flex(bubble({ body: box([{ type: "paragraph" }]) }))]))).toContain(
      "/0/contents/body/contents/0/type",
    );
    expect(pointers(v.validateMessages([{ type: "html", text: "x" }]))).toEqual(["/0/type"]);
    const badAction = flex(
      bubble({ footer: box([{ type: "button", action: { type: "jump", label: "x" } }]) }),
    );
    expect(pointers(v.validateMessages([badAction]))).toContain("/0/contents/footer/contents/0/action/type");
    const badTemplate = { type: "template", altText: "x", template: { type: "grid", text: "x" } };
    expect(pointers(v.validateMessages([badTemplate]))).toContain("/0/template/type");
  });

  it("checks property types inside a dispatched child (FlexText.wrap must be boolean)", () => {
    const errors = v.validateMessages([
      flex(bubble({ body: box([{ type: "text", text: "x", wrap: "yes" }]) })),
    ]);
    expect(errors).toContainEqual({
      pointer: "/0/contents/body/contents/0/wrap",
      message: "must be boolean",
    });
  });

  it("turns every discriminator mapping into if/then branches and pins the children", () => {
    const converted = convertDiscriminators({
      Shape: {
        type: "object",
        properties: { kind: { type: "string" } },
        discriminator: { propertyName: "kind", mapping: { sq: "#/components/schemas/Square" } },
      },
      Square: {
        type: "object",
        allOf: [{ $ref: "#/components/schemas/Shape" }, { properties: { side: { type: "number" } } }],
      },
    });
    expect(converted.Shape).toMatchObject({
      required: ["kind"],
      allOf: [
        { $ref: "#/components/schemas/Shape__base" },
        { if: { properties: { kind: { const: "sq" } } }, then: { $ref: "#/components/schemas/Square" } },
      ],
    });
    expect((converted.Square as { allOf: unknown[] }).allOf).toEqual([
      { $ref: "#/components/schemas/Shape__base" },
      { properties: { side: { type: "number" } } },
      { type: "object", required: ["kind"], properties: { kind: { const: "sq" } } },
    ]);
    expect(converted.Shape__base).not.toHaveProperty("discriminator");
  });
});

describe("unknown properties", () => {
  it("flags a misspelt or misplaced property, and can be relaxed", () => {
    const typo = [flex(bubble({ body: box([{ type: "text", text: "x", wrapp: true }]) }))];
    expect(v.validateMessages(typo)).toEqual([
      { pointer: "/0/contents/body/contents/0", message: 'unknown property "wrapp"' },
    ]);
    expect(v.validateMessages([{ type: "text", text: "x", altText: "x" }])).toEqual([
      { pointer: "/0", message: 'unknown property "altText"' },
    ]);
    expect(createLineValidator(undefined, { allowUnknownProperties: true }).validateMessages(typo)).toEqual(
      [],
    );
  });
});

describe("platform limits", () => {
  it("rejects 13 bubbles in a carousel", () => {
    const errors = v.validateMessages([
      flex({ type: "carousel", contents: Array.from({ length: 13 }, () => bubble()) }),
    ]);
    expect(errors).toEqual([
      { pointer: "/0/contents/contents", message: "must have at most 12 bubbles, got 13" },
    ]);
  });

  it("rejects a carousel over 50 KB and a bubble over 30 KB", () => {
    const big = bubble({ body: box([text("あ".repeat(3400))]) }); // ~10 KB of UTF-8
    const carousel = v.validateMessages([
      flex({ type: "carousel", contents: Array.from({ length: 6 }, () => big) }),
    ]);
    expect(messagesOf(carousel)).toMatch(/carousel JSON must be at most 50000 bytes/);
    const huge = v.validateMessages([
      flex(
        bubble({ body: box([text("あ".repeat(4000)), text("い".repeat(4000)), text("う".repeat(4000))]) }),
      ),
    ]);
    expect(huge).toContainEqual(
      expect.objectContaining({
        pointer: "/0/contents",
        message: expect.stringMatching(/bubble JSON must be at most 30000 bytes/),
      }),
    );
  });

  it("rejects a 5,001-character text (UTF-16 units) and an empty one", () => {
    expect(v.validateMessages([{ type: "text", text: "a".repeat(5001) }])).toEqual([
      { pointer: "/0/text", message: "must be at most 5000 characters (UTF-16 units), got 5001" },
    ]);
    // An emoji outside the BMP counts as two UTF-16 units, as LINE counts it.
    expect(pointers(v.validateMessages([{ type: "text", text: "😀".repeat(2501) }]))).toEqual(["/0/text"]);
    expect(pointers(v.validateMessages([{ type: "text", text: "  " }]))).toEqual(["/0/text"]);
  });

  it("rejects more than 5 messages and an empty list", () => {
    const six = Array.from({ length: 6 }, () => ({ type: "text", text: "x" }));
    expect(v.validateMessages(six)).toEqual([{ pointer: "", message: "must NOT have more than 5 items" }]);
    expect(v.validateMessages([])).toEqual([{ pointer: "", message: "must NOT have fewer than 1 items" }]);
  });

  it("rejects a missing or 1,501-character altText", () => {
    expect(pointers(v.validateMessages([flex(bubble(), "")]))).toEqual(["/0/altText"]);
    expect(pointers(v.validateMessages([flex(bubble(), "x".repeat(1501))]))).toEqual(["/0/altText"]);
  });

  it("rejects 14 quick reply items and a postback quick reply without displayText", () => {
    expect(pointers(v.validateMessages([{ type: "text", text: "x", quickReply: quickReply(14) }]))).toContain(
      "/0/quickReply/items",
    );
    const item = { type: "action", action: postback("防災", "v1:topic:bousai") };
    expect(v.validateMessages([{ type: "text", text: "x", quickReply: { items: [item] } }])).toEqual([
      {
        pointer: "/0/quickReply/items/0/action/displayText",
        message: "is required for a postback quick reply button",
      },
    ]);
  });

  it("rejects a 301-character postback and displayText", () => {
    const errors = v.validateMessages([
      flex(bubble({ footer: box([{ type: "button", action: postback("くわしく", "x".repeat(301)) }]) })),
      {
        type: "text",
        text: "x",
        quickReply: {
          items: [{ type: "action", action: postback("a", "v1:help", { displayText: "y".repeat(301) }) }],
        },
      },
    ]);
    expect(pointers(errors)).toEqual(
      expect.arrayContaining([
        "/0/contents/footer/contents/0/action/data",
        "/1/quickReply/items/0/action/displayText",
      ]),
    );
  });

  it("allows 40-character labels on Flex buttons but only 20 on quick replies; a button needs a label", () => {
    const label40 = "あ".repeat(40);
    expect(
      v.validateMessages([
        flex(bubble({ footer: box([{ type: "button", action: postback(label40, "v1:help") }]) })),
      ]),
    ).toEqual([]);
    expect(
      pointers(
        v.validateMessages([
          flex(bubble({ footer: box([{ type: "button", action: postback(label40 + "あ", "v1:help") }]) })),
        ]),
      ),
    ).toEqual(["/0/contents/footer/contents/0/action/label"]);
    const qr = {
      items: [{ type: "action", action: postback("あ".repeat(21), "v1:help", { displayText: "x" }) }],
    };
    expect(pointers(v.validateMessages([{ type: "text", text: "x", quickReply: qr }]))).toEqual([
      "/0/quickReply/items/0/action/label",
    ]);
    const noLabel = { type: "button", action: { type: "postback", data: "v1:help" } };
    expect(pointers(v.validateMessages([flex(bubble({ footer: box([noLabel]) }))]))).toEqual([
      "/0/contents/footer/contents/0/action/label",
    ]);
  });

  it("rejects http: and javascript: URIs and URIs over 1,000 characters; accepts tel: and line:", () => {
    const uri = (u: string): unknown[] => [
      flex(bubble({ footer: box([{ type: "button", action: { type: "uri", label: "開く", uri: u } }]) })),
    ];
    expect(v.validateMessages(uri("tel:0963282111"))).toEqual([]);
    expect(v.validateMessages(uri("line://nv/location"))).toEqual([]);
    expect(messagesOf(v.validateMessages(uri("http://www.city.kumamoto.jp/")))).toContain(
      "scheme must be https, line or tel",
    );
    expect(messagesOf(v.validateMessages(uri("javascript:alert(1)")))).toContain(
      "scheme must be https, line or tel",
    );
    expect(messagesOf(v.validateMessages(uri(`https://example.jp/${"a".repeat(1000)}`)))).toContain(
      "at most 1000 characters",
    );
    const image = { type: "image", url: "http://example.jp/a.png" };
    expect(pointers(v.validateMessages([flex(bubble({ hero: image }))]))).toEqual(["/0/contents/hero/url"]);
  });

  it("rejects a richmenuswitch action outside a rich menu and a confirm template with 3 actions", () => {
    const sw = { type: "richmenuswitch", label: "設定", richMenuAliasId: "settings", data: "v1:settings" };
    expect(
      pointers(v.validateMessages([flex(bubble({ footer: box([{ type: "button", action: sw }]) }))])),
    ).toEqual(["/0/contents/footer/contents/0/action/type"]);
    const confirm = {
      type: "confirm",
      text: "?",
      actions: [postback("a", "1"), postback("b", "2"), postback("c", "3")],
    };
    expect(pointers(v.validateMessages([{ type: "template", altText: "x", template: confirm }]))).toEqual([
      "/0/template/actions",
    ]);
  });
});

describe("requests", () => {
  it("validates whole bodies: multicast ≤ 500 recipients, messages under /messages", () => {
    const to = Array.from({ length: 501 }, (_, i) => `U${i}`);
    const errors = v.validateRequest("multicast", {
      to,
      messages: [{ type: "text", text: "a".repeat(5001) }],
    });
    expect(pointers(errors)).toEqual(["/to", "/messages/0/text"]);
    expect(v.validateRequest("push", { to: "U1", messages: [{ type: "text", text: "x" }] })).toEqual([]);
    expect(pointers(v.validateRequest("reply", { messages: [{ type: "text", text: "x" }] }))).toEqual([""]);
  });
});

describe("rich menus", () => {
  const menu = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    size: { width: 2500, height: 1686 },
    selected: true,
    name: "main-abc123",
    chatBarText: "メニュー",
    areas: [
      { bounds: { x: 0, y: 0, width: 1250, height: 843 }, action: postback("防災", "v1:topic:bousai") },
      {
        bounds: { x: 1250, y: 0, width: 1250, height: 843 },
        action: { type: "richmenuswitch", richMenuAliasId: "settings", data: "v1:tab:settings" },
      },
    ],
    ...over,
  });

  it("accepts a full and a compact menu with a switch action", () => {
    expectValidRichMenu(menu());
    expect(v.validateRichMenu(menu({ size: { width: 2500, height: 843 } }))).toEqual([]);
  });

  it("rejects a 15-character chat bar text, 21 areas, an area outside the image and a bad size", () => {
    expect(pointers(v.validateRichMenu(menu({ chatBarText: "あ".repeat(15) })))).toContain("/chatBarText");
    const area = { bounds: { x: 0, y: 0, width: 100, height: 100 }, action: postback("a", "v1:help") };
    expect(pointers(v.validateRichMenu(menu({ areas: Array.from({ length: 21 }, () => area) })))).toEqual([
      "/areas",
    ]);
    const outside = {
      bounds: { x: 2000, y: 1000, width: 600, height: 100 },
      action: postback("a", "v1:help"),
    };
    expect(pointers(v.validateRichMenu(menu({ areas: [outside] })))).toEqual(["/areas/0/bounds"]);
    expect(pointers(v.validateRichMenu(menu({ size: { width: 2500, height: 2500 }, areas: [] })))).toEqual([
      "/size",
    ]);
    expect(pointers(v.validateRichMenu(menu({ size: { width: 700, height: 300 }, areas: [] })))).toEqual([
      "/size/width",
    ]);
  });

  it("rejects a bad alias id in a switch action and a missing name", () => {
    const sw = {
      bounds: { x: 0, y: 0, width: 10, height: 10 },
      action: { type: "richmenuswitch", richMenuAliasId: "Settings!", data: "x" },
    };
    expect(pointers(v.validateRichMenu(menu({ areas: [sw] })))).toEqual(["/areas/0/action/richMenuAliasId"]);
    const { name: _name, ...noName } = menu();
    expect(pointers(v.validateRichMenu(noName))).toEqual(["/name"]);
  });
});

describe("line-assert helper", () => {
  it("throws with every problem listed", () => {
    expect(() => expectValidLineMessages([{ type: "text", text: "" }, flex(bubble(), "")])).toThrow(
      /2 problems[\s\S]*\/0\/text[\s\S]*\/1\/altText/,
    );
  });
});

describe("limits as properties (fast-check)", () => {
  it("a text message is valid exactly when it has 1–5,000 UTF-16 units and is not blank", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 2600 }),
        fc.integer({ min: 1, max: 3 }),
        (s, times) => {
          const t = s.repeat(times);
          const expected = t.trim().length > 0 && t.length <= 5000;
          expect(v.validateMessages([{ type: "text", text: t }]).length === 0).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a Flex button label is valid exactly when it has 1–40 characters; postback data up to 300", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 320 }),
        (labelLength, dataLength) => {
          const action = postback("あ".repeat(labelLength), "d".repeat(dataLength));
          const errors = v.validateMessages([flex(bubble({ footer: box([{ type: "button", action }]) }))]);
          const expected = labelLength >= 1 && labelLength <= 40 && dataLength <= 300;
          expect(errors.length === 0).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
