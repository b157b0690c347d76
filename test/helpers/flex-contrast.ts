/**
 * Every foreground/background colour pair a LINE message draws, for the 7:1 (WCAG AAA)
 * contrast check. Texts use their own colour over the nearest box or block background
 * (white by default); buttons use LINE's drawing rules: a primary button's label is white on
 * its `color` (LINE's default fill #17C950 when none is set), a secondary button's label is
 * near-black (#111111) on its `color` (default #DCDFE5), a link button's label is its `color`
 * (default #42659A) over the background. A text without a colour counts as LINE's default
 * black only if it says so: builders set every colour, so a missing one is reported.
 */
import { contrastRatio } from "../../richmenu/contrast.js";

export interface ColourPair {
  fg: string;
  bg: string;
  /** What is drawn: the text or the button label. */
  what: string;
}

/** LINE's defaults, used only to measure a button that sets no colour (none of ours should). */
export const LINE_DEFAULTS = {
  primaryFill: "#17C950",
  primaryLabel: "#FFFFFF",
  secondaryFill: "#DCDFE5",
  secondaryLabel: "#111111",
  link: "#42659A",
  background: "#FFFFFF",
} as const;

type Node = Record<string, unknown>;

/** A Flex text or label as shown: strings as they are, anything else as nothing. */
const textOf = (v: unknown): string => (typeof v === "string" ? v : "");

function walkComponent(c: Node, bg: string, out: ColourPair[]): void {
  const own = typeof c.backgroundColor === "string" ? c.backgroundColor : bg;
  switch (c.type) {
    case "box":
      for (const child of (c.contents as Node[] | undefined) ?? []) walkComponent(child, own, out);
      return;
    case "text": {
      const label = textOf(c.text);
      out.push({ fg: typeof c.color === "string" ? c.color : "(none)", bg, what: label });
      for (const span of (c.contents as Node[] | undefined) ?? [])
        if (typeof span.color === "string") out.push({ fg: span.color, bg, what: textOf(span.text) });
      return;
    }
    case "button": {
      const label = textOf((c.action as Node | undefined)?.label);
      const color = typeof c.color === "string" ? c.color : null;
      if (c.style === "primary")
        out.push({ fg: LINE_DEFAULTS.primaryLabel, bg: color ?? LINE_DEFAULTS.primaryFill, what: label });
      else if (c.style === "secondary")
        out.push({ fg: LINE_DEFAULTS.secondaryLabel, bg: color ?? LINE_DEFAULTS.secondaryFill, what: label });
      else out.push({ fg: color ?? LINE_DEFAULTS.link, bg, what: label });
      return;
    }
    default:
      return;
  }
}

function walkBubble(b: Node, out: ColourPair[]): void {
  const styles = (b.styles as Record<string, Node | undefined> | undefined) ?? {};
  for (const block of ["header", "hero", "body", "footer"]) {
    const c = b[block] as Node | undefined;
    if (!c) continue;
    const bg =
      typeof styles[block]?.backgroundColor === "string"
        ? styles[block].backgroundColor
        : LINE_DEFAULTS.background;
    walkComponent(c, bg, out);
  }
}

/** The colour pairs of one message (text messages draw LINE's own colours and have none). */
export function colourPairs(message: unknown): ColourPair[] {
  const out: ColourPair[] = [];
  const m = message as Node;
  if (m?.type !== "flex") return out;
  const c = m.contents as Node;
  if (c.type === "carousel") for (const b of c.contents as Node[]) walkBubble(b, out);
  else walkBubble(c, out);
  return out;
}

/** Pairs below `min`:1, described for a failure message. */
export function lowContrast(messages: readonly unknown[], min = 7): string[] {
  const bad: string[] = [];
  for (const m of messages)
    for (const p of colourPairs(m)) {
      const ratio =
        /^#[0-9a-f]{6}$/i.test(p.fg) && /^#[0-9a-f]{6}$/i.test(p.bg) ? contrastRatio(p.fg, p.bg) : 0;
      if (ratio < min) bad.push(`${p.fg} on ${p.bg} = ${ratio.toFixed(2)}:1 「${p.what.slice(0, 30)}」`);
    }
  return [...new Set(bad)];
}
