/**
 * `bulletin list | publish AREA … | withdraw AREA | show AREA` — the emergency bulletin from a
 * terminal (for staff without the console, or a script during a disaster), on the same store as
 * the server (see ../staff-store.ts). AREA is all (the whole city), a ward (東区) or its slug
 * (higashi). Thin: parses arguments, calls the bulletin service the admin API uses, prints.
 */
import { readFileSync } from "node:fs";
import { createBulletinService, type BulletinView } from "../../bulletin/bulletin-service.js";
import { parseScope } from "../../bulletin/bulletin.js";
import { bulletinMessages } from "../../replies/flex/emergency.js";
import { textStyle } from "../../replies/flex/parts.js";
import { loadOffices } from "../../knowledge/offices.js";
import { runOnStaffStore } from "../staff-store.js";
import { usageError, type Command } from "../io.js";
import { KNOWLEDGE_WARDS } from "../../knowledge/known-wards.js";

const USAGE = `usage: bulletin <subcommand> [--json]
  list                                     every area: published / withdrawn / none, with time stamps
  publish AREA (--file BULLETIN.json | --title T --body B --author A [--url https://…])
                                           publish or update (the time stamp becomes now)
  withdraw AREA                            the emergency is over in AREA
  show AREA                                the exact reply a resident of AREA gets now (Flex JSON)
AREA: all (the whole city) | ${KNOWLEDGE_WARDS.names.join(" ")} | ${KNOWLEDGE_WARDS.entries.map((w) => w.slug).join(" ")}
Body text: \\n for a new line.`;

const VALUE_FLAGS = new Set(["--file", "--title", "--body", "--author", "--url"]);

const describe = (b: BulletinView): string[] => [
  `${b.scopeLabel}: ${b.state === "published" ? "公開中" : "取り下げ"}  ${b.updatedAtLabel} 更新 (version ${b.version})`,
  `  ${b.title}`,
  ...b.body.split("\n").map((l) => `  | ${l}`),
  `  発表: ${b.author}${b.url ? `  ${b.url}` : ""}`,
];

const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  const positional: string[] = [];
  const values = new Map<string, string>();
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === "--json") json = true;
    else if (VALUE_FLAGS.has(a)) {
      const v = rest[++i];
      if (v === undefined) return usageError(io, `${a} needs a value\n${USAGE}`);
      values.set(a, v);
    } else if (a.startsWith("--")) return usageError(io, `unknown option ${a}\n${USAGE}`);
    else positional.push(a);
  }
  if (sub === undefined || !["list", "publish", "withdraw", "show"].includes(sub))
    return usageError(io, sub === undefined ? USAGE : `unknown subcommand: ${sub}\n${USAGE}`);
  const needsArea = sub !== "list";
  if (positional.length !== (needsArea ? 1 : 0))
    return usageError(
      io,
      `${needsArea ? `bulletin ${sub} needs exactly one AREA` : "list takes no AREA"}\n${USAGE}`,
    );
  const scope = needsArea ? parseScope(positional[0] as string) : undefined;
  if (needsArea && !scope) return usageError(io, `unknown AREA: ${positional[0]}\n${USAGE}`);

  return runOnStaffStore(io, json, async ({ store, print }) => {
    const service = createBulletinService({ store, clock: Date.now });
    switch (sub) {
      case "list": {
        const areas = await service.list();
        print({ areas }, () =>
          areas.flatMap((a) => (a.bulletin ? describe(a.bulletin) : [`${a.label}: (なし)`])),
        );
        return 0;
      }
      case "publish": {
        const file = values.get("--file");
        const input: unknown =
          file !== undefined
            ? JSON.parse(readFileSync(file, "utf8"))
            : {
                title: values.get("--title"),
                body: values.get("--body")?.replace(/\\n/g, "\n"),
                author: values.get("--author"),
                ...(values.has("--url") ? { url: values.get("--url") } : {}),
              };
        const bulletin = await service.publish(scope!, input);
        print({ bulletin }, () => describe(bulletin));
        return 0;
      }
      case "withdraw": {
        const bulletin = await service.withdraw(scope!);
        print({ bulletin }, () => describe(bulletin));
        return 0;
      }
      case "show": {
        const ward = scope === "all" ? null : scope!;
        const messages = bulletinMessages(
          await service.forResident(ward),
          loadOffices(),
          ward,
          textStyle(false),
        );
        io.out(JSON.stringify(json ? { messages } : messages, null, 2));
        return 0;
      }
    }
    return usageError(io, USAGE);
  });
};

export default run;
