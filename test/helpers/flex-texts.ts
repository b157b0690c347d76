/** Every `text` string of a Flex message or component, depth first (what a resident reads). */
export function flexTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) flexTexts(n, out);
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o.type === "text" && typeof o.text === "string") out.push(o.text);
    for (const v of Object.values(o)) if (typeof v === "object") flexTexts(v, out);
  }
  return out;
}
