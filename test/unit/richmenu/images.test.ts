/** Rich menu images: size, deterministic bytes, committed as rendered, and text contrast. */
import { readFileSync } from "node:fs";
import path from "node:path";
import resvg from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { buildMenus } from "../../../richmenu/build-menus.js";
import { IMAGES_DIR } from "../../../richmenu/cli.js";
import { contrastRatio } from "../../../richmenu/contrast.js";
import { MENUS, PAGE } from "../../../src/richmenu/definitions.js";
import { layoutMenu, type TextLine } from "../../../src/richmenu/layout.js";
import { FONT_FAMILY, menuSvg } from "../../../richmenu/menu-svg.js";
import { renderPng, resvgOptions } from "../../../richmenu/render-png.js";

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Ink bounding box of one label line drawn alone with the bundled font (resvg measures the glyph outlines). */
function inkBox(line: TextLine): { width: number; height: number } {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="2500" height="1686"><text x="${line.x}" y="${line.baseline}" ` +
    `font-family="${FONT_FAMILY}" font-weight="700" font-size="${line.fontSize}" text-anchor="${line.anchor}">${line.text}</text></svg>`;
  const box = new resvg.Resvg(svg, resvgOptions()).getBBox();
  if (!box) throw new Error(`nothing drawn for ${line.text}: is the font missing?`);
  return box;
}

const built = buildMenus();

describe.each(built.map((b) => [b.key, b] as const))("image of %s", (key, menu) => {
  const def = MENUS.find((m) => m.key === key)!;
  const layout = layoutMenu(def);

  it("is a PNG of exactly the menu size and under 1 MB", () => {
    expect(pngSize(menu.png)).toEqual(menu.request.size);
    expect(menu.png.length).toBeLessThan(1024 * 1024);
  });

  it("renders to the same bytes every time", () => {
    expect(renderPng(menuSvg(layout)).equals(menu.png)).toBe(true);
  });

  it("is committed as rendered (npm run richmenu -- render)", () => {
    const committed = readFileSync(path.join(IMAGES_DIR, `${key}.png`));
    expect(
      committed.equals(menu.png),
      `richmenu/images/${key}.png is stale: run npm run richmenu -- render`,
    ).toBe(true);
  });

  it("has label/button contrast of at least 7:1 (WCAG AAA), tabs included", () => {
    for (const b of layout.buttons) {
      expect(contrastRatio(b.button.palette.fg, b.button.palette.bg), b.button.id).toBeGreaterThanOrEqual(7);
    }
    for (const t of layout.tabs) {
      const [fg, bg] = t.active ? [PAGE.tabActiveText, PAGE.background] : [PAGE.tabInactiveText, PAGE.tabBar];
      expect(contrastRatio(fg, bg), t.tab.label).toBeGreaterThanOrEqual(7);
    }
  });

  it("draws every label line at least 110 px tall and inside its button", () => {
    for (const b of layout.buttons) {
      for (const line of b.lines) {
        const box = inkBox(line);
        expect(box.height, line.text).toBeGreaterThanOrEqual(110);
        const left = line.anchor === "middle" ? line.x - box.width / 2 : line.x;
        expect(left, line.text).toBeGreaterThanOrEqual(b.rect.x + 24);
        expect(left + box.width, line.text).toBeLessThanOrEqual(b.rect.x + b.rect.width - 24);
      }
      const top = Math.min(b.icon.y, ...b.lines.map((l) => l.baseline - l.fontSize));
      expect(top, b.button.id).toBeGreaterThanOrEqual(b.rect.y);
      expect(b.icon.x).toBeGreaterThanOrEqual(b.rect.x);
      expect(b.icon.x + b.icon.width).toBeLessThanOrEqual(b.rect.x + b.rect.width);
      expect(Math.max(...b.lines.map((l) => l.baseline))).toBeLessThanOrEqual(b.rect.y + b.rect.height - 24);
      // An icon beside every label: big enough to recognise.
      expect(b.icon.width).toBeGreaterThanOrEqual(200);
    }
    for (const t of layout.tabs) expect(inkBox(t.line).height, t.tab.label).toBeGreaterThanOrEqual(110);
  });

  // Only menus with a tab bar have an active tab to mark; the disaster menu has none.
  if (def.tabs)
    it("marks the active tab in the pixels (white tab with a coloured bar; inactive tabs grey)", () => {
      expect(layout.tabs.filter((t) => t.active)).toHaveLength(1);
      const img = new resvg.Resvg(menuSvg(layout), resvgOptions()).render();
      const px = (x: number, y: number): string => {
        const i = (y * img.width + x) * 4;
        return [...img.pixels.subarray(i, i + 3)].map((v) => v.toString(16).padStart(2, "0")).join("");
      };
      for (const t of layout.tabs) {
        const bar = px(t.rect.x + 20, 10);
        const body = px(t.rect.x + 20, t.rect.height - 40);
        if (t.active) {
          expect(bar).toBe(PAGE.tabActiveMark.slice(1).toLowerCase());
          expect(body).toBe(PAGE.background.slice(1).toLowerCase());
        } else {
          expect(bar).toBe(PAGE.tabBar.slice(1).toLowerCase());
          expect(body).toBe(PAGE.tabBar.slice(1).toLowerCase());
        }
      }
    });
});

describe("contrast", () => {
  it("matches WCAG reference values", () => {
    expect(contrastRatio("#000000", "#FFFFFF")).toBeCloseTo(21, 5);
    expect(contrastRatio("#FFFFFF", "#FFFFFF")).toBeCloseTo(1, 5);
    expect(contrastRatio("#767676", "#FFFFFF")).toBeCloseTo(4.54, 2);
  });
});
