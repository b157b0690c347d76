/**
 * The simulator and the staff console draw each bubble size at LINE's width, the same table
 * the builders choose sizes from, so a card that fits in the simulator fits in LINE.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUBBLE_WIDTH_PX, textStyle } from "../../../src/replies/flex/parts.js";

const css = readFileSync(new URL("../../../src/http/shared-assets/flex.css", import.meta.url), "utf8");

describe("bubble widths", () => {
  it("flex.css draws every size at the width in BUBBLE_WIDTH_PX", () => {
    for (const [size, px] of Object.entries(BUBBLE_WIDTH_PX)) {
      const rule = new RegExp(`\\.flex-bubble-${size}\\s*\\{[^}]*width:\\s*(\\d+)px`).exec(css);
      expect(rule?.[1], size).toBe(String(px));
    }
  });

  it("both text presets use bubbles that fit beside the icon on a 320 px phone (≤ 274 px)", () => {
    for (const large of [false, true])
      expect(BUBBLE_WIDTH_PX[textStyle(large).bubble]).toBeLessThanOrEqual(274);
  });
});
