/**
 * Geometry of a rich menu, computed once from its definition. Both the drawing (`menu-svg.ts`)
 * and the tap areas (`rich-menu-request.ts`) read this layout, so what residents see and where
 * they can tap cannot drift apart. Tap areas tile the page: each button's area reaches half-way
 * into the gaps around it, so a slightly missed tap still lands on the nearest button.
 */
import type { ButtonDef, MenuDef, TabDef } from "./definitions.js";

/** An axis-aligned rectangle in image pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One line of label text, anchored at its horizontal centre (or start) and baseline. */
export interface TextLine {
  text: string;
  x: number;
  baseline: number;
  fontSize: number;
  anchor: "middle" | "start";
}

/** A button placed on the page. */
export interface LaidButton {
  button: ButtonDef;
  /** The drawn button. */
  rect: Rect;
  /** The tap area (contains `rect`). */
  tap: Rect;
  icon: Rect;
  lines: TextLine[];
}

/** A tab placed in the tab bar. Only inactive tabs get a tap area (a switch). */
export interface LaidTab {
  tab: TabDef;
  rect: Rect;
  active: boolean;
  line: TextLine;
}

/** The whole page. */
export interface MenuLayout {
  def: MenuDef;
  size: { width: number; height: number };
  tabBar: Rect | null;
  tabs: LaidTab[];
  buttons: LaidButton[];
}

/** Fixed design measures (pixels on the 2500-wide image). */
export const MEASURES = {
  margin: 32,
  gap: 32,
  tabBarHeight: 230,
  tabFontSize: 132,
  /** Label size on grid buttons: CJK ink height ≈ 0.8–0.9 em, so ≥ 110 px tall on the image. */
  labelFontSize: 136,
  /** Label size on a full-width button. */
  wideLabelFontSize: 190,
  lineHeight: 1.16,
  radius: 44,
  activeMarkHeight: 30,
} as const;

/** Fraction of an em from the baseline to the optical middle of CJK glyphs (Noto Sans JP). */
const CJK_MIDDLE = 0.37;

/** Splits [start, end) into n parts of equal size separated by `gap`, on whole pixels. */
function split(start: number, end: number, weights: readonly number[], gap: number): [number, number][] {
  const total = weights.reduce((a, b) => a + b, 0);
  const free = end - start - gap * (weights.length - 1);
  const out: [number, number][] = [];
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    const a = start + Math.round((free * acc) / total) + gap * i;
    acc += weights[i] ?? 0;
    const b = start + Math.round((free * acc) / total) + gap * i;
    out.push([a, b]);
  }
  return out;
}

/** Label lines are full-width CJK: width ≈ characters × font size. */
const textWidth = (s: string, fontSize: number): number => [...s].length * fontSize;

function placeContent(button: ButtonDef, rect: Rect): { icon: Rect; lines: TextLine[] } {
  const wide = rect.width > rect.height * 2;
  const fs = wide ? MEASURES.wideLabelFontSize : MEASURES.labelFontSize;
  const lh = fs * MEASURES.lineHeight;
  const n = button.lines.length;
  const textBlock = fs + lh * (n - 1);
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  if (wide) {
    // Icon to the left of the text, the pair centred in the button.
    const iconSize = Math.round(rect.height * 0.5);
    const gap = Math.round(fs * 0.4);
    const tw = Math.max(...button.lines.map((l) => textWidth(l, fs)));
    const left = Math.round(cx - (iconSize + gap + tw) / 2);
    const icon = { x: left, y: Math.round(cy - iconSize / 2), width: iconSize, height: iconSize };
    const firstMiddle = cy - textBlock / 2 + fs / 2;
    const lines = button.lines.map((text, i) => ({
      text,
      x: left + iconSize + gap,
      baseline: Math.round(firstMiddle + i * lh + CJK_MIDDLE * fs),
      fontSize: fs,
      anchor: "start" as const,
    }));
    return { icon, lines };
  }
  // Icon above the text, the pair centred in the button.
  const iconSize = Math.round(Math.min(rect.height * 0.36, rect.width * 0.4));
  const gap = Math.round(fs * 0.3);
  const top = cy - (iconSize + gap + textBlock) / 2;
  const icon = { x: Math.round(cx - iconSize / 2), y: Math.round(top), width: iconSize, height: iconSize };
  const firstMiddle = top + iconSize + gap + fs / 2;
  const lines = button.lines.map((text, i) => ({
    text,
    x: Math.round(cx),
    baseline: Math.round(firstMiddle + i * lh + CJK_MIDDLE * fs),
    fontSize: fs,
    anchor: "middle" as const,
  }));
  return { icon, lines };
}

/** Computes the page geometry of a menu. Pure. */
export function layoutMenu(def: MenuDef): MenuLayout {
  const { width, height } = def.size;
  const { margin, gap } = MEASURES;
  const tabItems = def.tabs?.items ?? [];
  const tabBar = tabItems.length > 0 ? { x: 0, y: 0, width, height: MEASURES.tabBarHeight } : null;
  const tabs: LaidTab[] = split(
    0,
    width,
    tabItems.map(() => 1),
    0,
  ).map(([x0, x1], i) => {
    const tab = tabItems[i] as TabDef;
    const rect = { x: x0, y: 0, width: x1 - x0, height: MEASURES.tabBarHeight };
    const fs = MEASURES.tabFontSize;
    return {
      tab,
      rect,
      active: tab.menu === def.tabs?.active,
      line: {
        text: tab.label,
        x: Math.round(x0 + rect.width / 2),
        baseline: Math.round(rect.height / 2 + MEASURES.activeMarkHeight / 2 + CJK_MIDDLE * fs),
        fontSize: fs,
        anchor: "middle",
      },
    };
  });

  const gridTop = tabBar ? tabBar.height : 0;
  const rows = split(
    gridTop + margin,
    height - margin,
    def.rows.map((r) => r.weight),
    gap,
  );
  const buttons: LaidButton[] = [];
  def.rows.forEach((row, ri) => {
    const [y0, y1] = rows[ri] as [number, number];
    const cols = split(
      margin,
      width - margin,
      row.buttons.map(() => 1),
      gap,
    );
    row.buttons.forEach((button, ci) => {
      const [x0, x1] = cols[ci] as [number, number];
      const rect = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
      // The tap area reaches to the image edge (or tab bar) on the outside, half-way into inner gaps.
      const tx0 = ci === 0 ? 0 : x0 - gap / 2;
      const tx1 = ci === row.buttons.length - 1 ? width : x1 + gap / 2;
      const ty0 = ri === 0 ? gridTop : y0 - gap / 2;
      const ty1 = ri === def.rows.length - 1 ? height : y1 + gap / 2;
      const tap = { x: tx0, y: ty0, width: tx1 - tx0, height: ty1 - ty0 };
      buttons.push({ button, rect, tap, ...placeContent(button, rect) });
    });
  });
  return { def, size: { width, height }, tabBar, tabs, buttons };
}
