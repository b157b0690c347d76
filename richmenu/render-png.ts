/**
 * SVG → PNG with @resvg/resvg-js and the Noto Sans JP font file shipped through npm. System fonts
 * are never loaded, so the bytes are the same on every machine (the committed images are checked
 * against a fresh render in the tests).
 */
import { createRequire } from "node:module";
import path from "node:path";
import resvg, { type ResvgRenderOptions } from "@resvg/resvg-js";
import { FONT_FAMILY } from "./menu-svg.js";

const require = createRequire(import.meta.url);

/** Absolute path of the bold Noto Sans JP TTF inside node_modules. */
export function fontFile(): string {
  const pkg = require.resolve("@expo-google-fonts/noto-sans-jp/package.json");
  return path.join(path.dirname(pkg), "700Bold", "NotoSansJP_700Bold.ttf");
}

/** resvg options: only our font file, no system fonts, original size. */
export function resvgOptions(): ResvgRenderOptions {
  return {
    font: { loadSystemFonts: false, fontFiles: [fontFile()], defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: "original" },
    shapeRendering: 2,
    textRendering: 1,
  };
}

/** Renders SVG source to PNG bytes. */
export function renderPng(svg: string): Buffer {
  return new resvg.Resvg(svg, resvgOptions()).render().asPng();
}
