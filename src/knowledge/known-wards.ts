/**
 * The ward registry of the shipped `knowledge/` folder, compiled in with the code.
 *
 * Why a module-level registry: postback data is encoded inside pure Flex builders and rich-menu
 * definitions, and zod schemas for staff input (notices, bulletins, admin queries) are module
 * constants; none of them has a context that could carry the registry, and threading it through
 * every builder would change dozens of signatures for a value that is data shipped with the code.
 * It is read from `knowledge/gazetteer.json`, so a sixth ward there reaches them with no code
 * change. Everything that can take a registry (ward-from-text, ward choices, postback parsing,
 * bulletin scopes, sheet import, the catalogue loader, the CLI) takes one, defaulting to this.
 *
 * The list is compiled into the code, so it is checked where the code is: by
 * test/unit/knowledge/known-wards.test.ts (it passes `WardListSchema` unchanged, defaults
 * included) and by `npm run build:index`. Checking it again here built and ran zod schemas at
 * every import, about 8 ms of each cold start (issue 14, docs/benchmarks.md).
 */
import gazetteer from "../../knowledge/gazetteer.json" with { type: "json" };
import { registryOf, type WardRegistry } from "./wards.js";

export const KNOWLEDGE_WARDS: WardRegistry = registryOf(gazetteer.wards);
