/**
 * The index builder of `npm run build:index` (kuromoji), loaded only when a rebuild runs: the
 * webhook path never imports it, and the tokenizer (seconds to load) is kept for later builds.
 */
import type { IndexBuilder } from "./rebuild.js";

/** A builder that loads kuromoji on first use and reuses the tokenizer afterwards. */
export function kuromojiIndexBuilder(): IndexBuilder {
  let tokenizer: Promise<unknown> | null = null;
  return async (inputs) => {
    const mod = await import("../../scripts/build-search-index.js");
    tokenizer ??= mod.createTokenizer();
    tokenizer.catch(() => (tokenizer = null));
    return mod.buildSearchIndexFrom(
      inputs,
      (await tokenizer) as Awaited<ReturnType<typeof mod.createTokenizer>>,
    );
  };
}
