/**
 * Draws a laid-out menu as SVG. Pure string building; `render-png.ts` turns it into a PNG with
 * the font files shipped through npm. The active tab is white and joined to the page with a thick
 * coloured bar on top, inactive tabs sit back in grey, so "where am I" is visible without colour vision.
 */
import { PAGE } from "../src/richmenu/definitions.js";
import { iconSvg } from "./icons.js";
import { MEASURES, type MenuLayout, type TextLine } from "../src/richmenu/layout.js";

/** The font family name inside the bundled Noto Sans JP files. */
export const FONT_FAMILY = "Noto Sans JP";

const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const text = (l: TextLine, fill: string): string =>
  `<text x="${l.x}" y="${l.baseline}" font-family="${FONT_FAMILY}" font-weight="700" font-size="${l.fontSize}" ` +
  `text-anchor="${l.anchor}" fill="${fill}">${esc(l.text)}</text>`;

/** SVG source for a menu layout. */
export function menuSvg(layout: MenuLayout): string {
  const { width, height } = layout.size;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="${PAGE.background}"/>`,
  ];
  if (layout.tabBar) {
    const b = layout.tabBar;
    parts.push(`<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="${PAGE.tabBar}"/>`);
  }
  for (const t of layout.tabs) {
    const r = t.rect;
    if (t.active) {
      parts.push(
        `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" fill="${PAGE.background}"/>`,
        `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${MEASURES.activeMarkHeight}" fill="${PAGE.tabActiveMark}"/>`,
        text(t.line, PAGE.tabActiveText),
      );
    } else {
      // A thin line under inactive tabs separates them from the page they would switch away from.
      parts.push(
        `<rect x="${r.x}" y="${r.y + r.height - 8}" width="${r.width}" height="8" fill="#8C8C8C"/>`,
        text(t.line, PAGE.tabInactiveText),
      );
    }
  }
  for (const b of layout.buttons) {
    const { rect: r, button } = b;
    const { bg, fg } = button.palette;
    parts.push(
      `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" rx="${MEASURES.radius}" fill="${bg}"/>`,
      iconSvg(button.icon, b.icon.x, b.icon.y, b.icon.width, fg, bg),
      ...b.lines.map((l) => text(l, fg)),
    );
  }
  parts.push("</svg>");
  return parts.join("\n");
}
