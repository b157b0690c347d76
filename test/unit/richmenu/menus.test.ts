/** Rich menu definitions and layouts: LINE schema and limits, tap areas that cover what is drawn, and postbacks the bot understands. */
import { describe, expect, it } from "vitest";
import { parsePostback } from "../../../src/postback.js";
import { createLineValidator, formatLineErrors } from "../../line-schema/line-validator.js";
import { allMenuActions, menuByKey, MENUS } from "../../../src/richmenu/definitions.js";
import { layoutMenu, type Rect } from "../../../src/richmenu/layout.js";
import { richMenuRequest } from "../../../src/richmenu/rich-menu-request.js";

const validator = createLineValidator();
const ALIAS = /^[a-z0-9_-]{1,32}$/;
const SIZES = ["2500x1686", "2500x843"];

const contains = (outer: Rect, inner: Rect): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;
const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.each(MENUS.map((m) => [m.key, m] as const))("rich menu %s", (_key, def) => {
  const layout = layoutMenu(def);
  const request = { ...richMenuRequest(layout), name: `kmzmenu-${def.key}-000000000000` };
  const bounds = request.areas.map((a) => a.bounds);

  it("is a valid RichMenuRequest by LINE's OpenAPI schema and platform rules", () => {
    const errors = validator.validateRichMenu(request);
    expect(errors, formatLineErrors(errors)).toEqual([]);
  });

  it("would be caught by the validator if an area left the image or the chat bar text grew", () => {
    const first = request.areas[0]!;
    const broken = {
      ...request,
      chatBarText: "あ".repeat(15),
      areas: [{ ...first, bounds: { ...first.bounds, x: request.size.width - 10, width: 100 } }],
    };
    expect(validator.validateRichMenu(broken).length).toBeGreaterThanOrEqual(2);
  });

  it("has an allowed size, ≤ 20 areas, chatBarText ≤ 14 and a valid alias", () => {
    expect(SIZES).toContain(`${request.size.width}x${request.size.height}`);
    expect(request.areas.length).toBeGreaterThan(0);
    expect(request.areas.length).toBeLessThanOrEqual(20);
    expect([...def.chatBarText].length).toBeLessThanOrEqual(14);
    expect(def.alias).toMatch(ALIAS);
  });

  it("keeps every area inside the image, with no two areas overlapping", () => {
    const image = { x: 0, y: 0, width: request.size.width, height: request.size.height };
    for (const b of bounds) {
      expect(contains(image, b), JSON.stringify(b)).toBe(true);
      expect(b.width).toBeGreaterThan(0);
      expect(b.height).toBeGreaterThan(0);
    }
    for (let i = 0; i < bounds.length; i++)
      for (let j = i + 1; j < bounds.length; j++)
        expect(overlaps(bounds[i] as Rect, bounds[j] as Rect), `${i} × ${j}`).toBe(false);
  });

  it("gives every drawn button and inactive tab a tap area that covers it, with the button's action", () => {
    for (const b of layout.buttons) {
      const area = request.areas.find((a) => contains(a.bounds, b.rect));
      expect(area, b.button.id).toBeDefined();
      expect(area?.action.label).toBe(b.button.a11y);
    }
    for (const t of layout.tabs.filter((x) => !x.active)) {
      const area = request.areas.find((a) => contains(a.bounds, t.rect));
      expect(area?.action.type).toBe("richmenuswitch");
    }
    // The active tab is not a button: tapping it must not switch anywhere.
    for (const t of layout.tabs.filter((x) => x.active)) {
      expect(request.areas.some((a) => overlaps(a.bounds, t.rect))).toBe(false);
    }
  });

  it("leaves clear gaps between drawn buttons", () => {
    const rects = layout.buttons.map((b) => b.rect);
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i] as Rect;
        const b = rects[j] as Rect;
        const dx = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width));
        const dy = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height));
        expect(Math.max(dx, dy), `${i} × ${j}`).toBeGreaterThanOrEqual(24);
      }
  });

  it("uses big buttons (each at least 600×500 px on the 2500-wide image)", () => {
    for (const b of layout.buttons) {
      expect(b.rect.width).toBeGreaterThanOrEqual(600);
      expect(b.rect.height).toBeGreaterThanOrEqual(500);
    }
  });

  it("has an accessible label (≤ 20 characters) on every action", () => {
    for (const a of request.areas) {
      expect(a.action.label?.trim()).toBeTruthy();
      expect([...(a.action.label ?? "")].length).toBeLessThanOrEqual(20);
    }
  });

  it("emits only postbacks the bot's grammar parses to a current kind", () => {
    for (const a of request.areas) {
      const data = (a.action as { data?: string }).data;
      expect(typeof data).toBe("string");
      const parsed = parsePostback(data);
      expect(parsed.kind, data).not.toBe("outdated");
    }
  });

  it("switches only to aliases of defined menus", () => {
    const aliases = new Set(MENUS.map((m) => m.alias));
    for (const a of request.areas) {
      if (a.action.type === "richmenuswitch") {
        expect(aliases).toContain((a.action as { richMenuAliasId: string }).richMenuAliasId);
      }
    }
  });
});

describe("menu set", () => {
  it("has the six main buttons, a settings tab and a disaster menu with 避難・防災情報 first", () => {
    const main = layoutMenu(menuByKey("main"));
    expect(main.buttons.map((b) => b.button.lines.join(""))).toEqual([
      "防災",
      "健康・介護",
      "子育て",
      "地域活動補助金",
      "イベント",
      "区の設定つかいかた",
    ]);
    const settings = layoutMenu(menuByKey("settings"));
    expect(settings.buttons.map((b) => b.button.id)).toEqual(
      expect.arrayContaining(["ward", "subscriptions", "large-text", "help", "office"]),
    );
    const disaster = layoutMenu(menuByKey("disaster"));
    const first = disaster.buttons[0];
    expect(first?.button.lines.join("")).toBe("避難・防災情報");
    // The first button is the largest on the page.
    const area = (r: Rect): number => r.width * r.height;
    for (const b of disaster.buttons.slice(1)) expect(area(first!.rect)).toBeGreaterThan(area(b.rect) * 2);
  });

  it("uses distinct aliases", () => {
    expect(new Set(MENUS.map((m) => m.alias)).size).toBe(MENUS.length);
  });

  it("allMenuActions lists exactly the actions in the requests, each parseable", () => {
    const fromRequests = MENUS.flatMap((m) =>
      richMenuRequest(layoutMenu(m)).areas.map((a) => ({
        menu: m.key,
        data: (a.action as { data: string }).data,
        alias: (a.action as { richMenuAliasId?: string }).richMenuAliasId,
      })),
    );
    const listed = allMenuActions().map((a) => ({ menu: a.menu, data: a.data, alias: a.switchTo?.alias }));
    expect(listed).toEqual(fromRequests);
    const kinds = new Set(listed.map((a) => parsePostback(a.data).kind));
    expect(kinds).not.toContain("outdated");
    // Topic searches, events, settings, ward picker, help and office are all reachable by tapping.
    for (const k of [
      "topic",
      "events",
      "settings",
      "ward-picker",
      "help",
      "office",
      "large-text-toggle",
      "tab",
    ]) {
      expect(kinds).toContain(k);
    }
  });
});
