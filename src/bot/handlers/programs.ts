/**
 * Everything that answers with catalogue programs: free-text search, topic buttons, a ward's
 * programs, 「ほかの区の同じ分野」, 「もっと見る」 and 「くわしく」. Only catalogue facts go out;
 * when the engine abstains the resident gets an apology, not a guess.
 */
import type { Program, TopicTag, Ward } from "../../knowledge/schema.js";
import { TOPICS, TOPIC_TAG_MAP, type TopicKey } from "../../knowledge/topics.js";
import { programYearLabel } from "../../knowledge/fiscal-year.js";
import type { WardRegistry } from "../../knowledge/wards.js";
import { COPY } from "../../replies/copy.js";
import { programCarousel, PAGE_SIZE } from "../../replies/flex/program-carousel.js";
import { programDetail } from "../../replies/flex/program-detail.js";
import { textMessage, type Message } from "../../replies/flex/parts.js";
import { topicQuickReplies, suggestionQuickReplies } from "../../replies/flex/quick-replies.js";
import { replies } from "../../replies/messages.js";
import { suggestionChoices, topicChoices } from "../../replies/flex/choices.js";
import type { MessageAnalysis, SearchResult } from "../../search/types.js";
import type { Ctx } from "../context.js";
import { storeFailureFields } from "../../store/store-health.js";

const STATUS_ORDER: Record<Program["status"], number> = {
  実施: 0,
  一部実施: 1,
  中止: 2,
  未実施: 3,
  予算外: 4,
  予定: 0,
};

/** Programs of a topic (in a ward, or all wards), running programs first, then catalogue order. */
export function programsForTopic(
  programs: readonly Program[],
  topic: TopicKey,
  ward: Ward | null,
): Program[] {
  const tags = new Set<TopicTag>(TOPIC_TAG_MAP[topic]);
  return programs
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => (ward === null || p.ward === ward) && p.tags.some((t) => tags.has(t)))
    .sort((a, b) => STATUS_ORDER[a.p.status] - STATUS_ORDER[b.p.status] || a.i - b.i)
    .map(({ p }) => p);
}

/**
 * A topic's programs in a ward (all wards when unknown), a page at a time: the same list and
 * count whether the resident tapped the button or typed the topic. The next page is a topic
 * postback with its offset (and the ward, when it was named rather than the resident's own).
 */
export function topicReply(ctx: Ctx, topic: TopicKey, ward: Ward | null, offset = 0): Message[] {
  const all = programsForTopic(ctx.deps.catalogue.programs, topic, ward);
  if (all.length === 0) return replies.plain(COPY.noResultsTopic(TOPICS[topic], ward));
  if (offset >= all.length) return replies.plain(COPY.noMorePrograms);
  const page = all.slice(offset, offset + PAGE_SIZE);
  const label = `${ward ?? "熊本市"}の「${TOPICS[topic]}」`;
  const ownWard = ward === (ctx.profile?.ward ?? null);
  return [
    ...(offset === 0 ? [textMessage(COPY.program.resultsHeader(label, all.length))] : []),
    programCarousel({
      programs: page,
      total: all.length,
      offset,
      label,
      next: { kind: "topic", topic, offset: offset + PAGE_SIZE, ward: ownWard ? null : ward },
      style: ctx.style,
      quickReply: topicQuickReplies(),
    }),
  ];
}

/** Free-text search (or a later page of it), framed by the engine's decision. */
export async function searchReply(
  ctx: Ctx,
  query: string,
  opts: {
    offset?: number;
    ward?: Ward | null;
    analysis?: MessageAnalysis | null;
    /** The clauses of `analysis` that make the question (it was cut out of a longer message). */
    part?: readonly string[] | null;
  } = {},
): Promise<Message[]> {
  const offset = opts.offset ?? 0;
  // Read once: the search in every ward, when the resident's own has nothing, reuses the reading.
  const analysis = !opts.analysis
    ? ctx.deps.search.analyseMessage(query)
    : opts.part
      ? ctx.deps.search.analysePart(opts.analysis, query, opts.part)
      : opts.analysis;
  const search = (profileWard: Ward | null) =>
    ctx.deps.search.search(query, {
      ...(opts.ward ? { ward: opts.ward } : {}),
      analysis,
      profileWard,
      limit: PAGE_SIZE,
      offset,
    });
  const toPrograms = (r: SearchResult) => {
    // One read of the live catalogue per page, not one per result (each read checks for a newer one).
    const byId = ctx.deps.catalogue.byId;
    return r.results.map((h) => byId.get(h.id)).filter((p): p is Program => p !== undefined);
  };
  const profileWard = ctx.profile?.ward ?? null;
  let result = search(profileWard);
  if (result.decision.kind === "small-talk") return replies.smallTalk(result.decision.smallTalk);
  let programs = toPrograms(result);
  let widened: Ward | null = null;
  // Nothing in the resident's own ward: look in every ward rather than give up.
  if (
    (result.abstained || programs.length === 0) &&
    !(result.decision.kind === "refuse" && result.decision.reason === "out-of-scope") &&
    result.wardSource === "profile" &&
    profileWard &&
    offset === 0
  ) {
    const wide = search(null);
    const wideProgs = toPrograms(wide);
    if (!wide.abstained && wideProgs.length > 0) {
      result = wide;
      programs = wideProgs;
      widened = profileWard;
    }
  }
  if (result.abstained || programs.length === 0) {
    if (offset > 0) return replies.plain(COPY.noMorePrograms);
    // A topic staff marked as out of scope, with where to ask: answered, so not recorded.
    const where = result.outOfScope ? (ctx.deps.catalogue.whereToAsk?.(result.outOfScope) ?? null) : null;
    if (where && result.outOfScope) return replies.plain(COPY.askElsewhereDesk(result.outOfScope, where));
    await recordUnanswered(ctx, query);
    const d = result.decision;
    if (d.kind === "refuse" && d.reason === "out-of-scope" && d.outOfScope)
      return replies.outOfScope(d.outOfScope, ctx.deps.offices, result.ward ?? profileWard, ctx.style);
    return replies.cannotAnswer(result.suggestions, ctx.style, ctx.deps.offices);
  }
  const label = COPY.program.queryLabel(query, result.ward);
  const quick =
    result.suggestions.length > 0 ? suggestionQuickReplies(result.suggestions) : topicQuickReplies();
  // A weak match is framed as the closest programs, with topics to choose from; a question for a
  // date or a phone number gets the cards and a plain "not known here", never a guessed detail.
  const choice = result.decision.kind === "answer-with-choice" ? result.decision.topics : [];
  const found =
    result.confidence === "low" || choice.length > 0
      ? COPY.program.closestHeader(label)
      : COPY.program.resultsHeader(label, result.total);
  // A message that asked for several things: each need with its best program, so both show.
  const needs = (result.needs ?? []).flatMap((n) => {
    const best = n.ids.map((id) => ctx.deps.catalogue.byId.get(id)).find((p) => p !== undefined);
    return best ? [{ need: n.need, name: best.name }] : [];
  });
  const header = [
    ...(widened ? [COPY.program.notInOwnWard(widened)] : []),
    ...(needs.length > 1 ? [COPY.program.needsHeader(needs)] : []),
    ...(result.wards.length > 1 && result.place
      ? [COPY.program.placeInWards(result.place, result.wards)]
      : []),
    found,
    ...(result.asksFor.length > 0
      ? [COPY.program.detailUnknown(result.asksFor, askAt(ctx, result, programs))]
      : []),
  ].join("\n");
  const choices =
    offset > 0 ? null : (topicChoices(choice, ctx.style) ?? suggestionChoices(result.suggestions, ctx.style));
  return [
    ...(offset === 0 ? [textMessage(header)] : []),
    programCarousel({
      programs,
      total: result.total,
      offset,
      label,
      next: { kind: "more", offset: offset + PAGE_SIZE, ward: result.ward, query },
      style: ctx.style,
      ...(choices ? {} : { quickReply: quick }),
    }),
    // Choices as buttons too (quick replies do not show on PC); the chips go on the last message.
    ...(choices ? [{ ...choices, quickReply: { items: quick } }] : []),
  ];
}

/**
 * The ward office to ask about a detail of the programs shown: the ward searched, else the ward
 * of every card when they share one; null (「区役所」) when the cards span several wards.
 */
function askAt(ctx: Ctx, result: SearchResult, programs: readonly Program[]): string | null {
  const wards = new Set(programs.map((p) => p.ward));
  const ward = result.ward ?? (wards.size === 1 ? [...wards][0]! : null);
  return ctx.deps.offices.offices.find((o) => o.ward === ward)?.name ?? null;
}

async function recordUnanswered(ctx: Ctx, text: string): Promise<void> {
  if (!ctx.userHash || !ctx.personal) return;
  try {
    await ctx.deps.store.recordUnanswered({ userHash: ctx.userHash, text: text.slice(0, 500), at: ctx.now });
  } catch (err) {
    ctx.degraded = true;
    ctx.log.warn(storeFailureFields(err), "could not record unanswered question");
  }
}

/** 「この区のほかの取組」: a ward's programs, a page at a time, running ones first. */
export function wardProgramsReply(ctx: Ctx, ward: Ward, offset: number): Message[] {
  const all = ctx.deps.catalogue.programs
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.ward === ward)
    .sort((a, b) => STATUS_ORDER[a.p.status] - STATUS_ORDER[b.p.status] || a.i - b.i)
    .map(({ p }) => p);
  if (offset >= all.length)
    return replies.plain(all.length === 0 ? COPY.programNotFound : COPY.noMorePrograms);
  return [
    programCarousel({
      programs: all.slice(offset, offset + PAGE_SIZE),
      total: all.length,
      offset,
      label: COPY.program.wardProgramsLabel(ward),
      next: { kind: "ward-programs", ward, offset: offset + PAGE_SIZE },
      style: ctx.style,
      quickReply: topicQuickReplies(),
    }),
  ];
}

/** 「ほかの区の同じ分野」: programs of other wards sharing the program's first tag. */
export function sameTopicReply(ctx: Ctx, programId: string): Message[] {
  const p = ctx.deps.catalogue.byId.get(programId);
  if (!p) return replies.plain(COPY.programNotFound);
  const tag = p.tags[0];
  const others = ctx.deps.catalogue.programs.filter(
    (q) => q.ward !== p.ward && tag !== undefined && q.tags.includes(tag),
  );
  if (!tag || others.length === 0) return replies.plain(COPY.noResultsTopic(tag ?? p.heading, null));
  // One per ward first, so every other ward shows up before a second program of any ward.
  const rank = (q: Program): number => rankWithinWard(others, q, ctx.deps.wards);
  const ordered = [...others].sort((a, b) => rank(a) - rank(b));
  return [
    programCarousel({
      programs: ordered.slice(0, 10),
      total: Math.min(others.length, 10),
      offset: 0,
      label: COPY.program.sameTopicLabel(tag),
      next: null,
      style: ctx.style,
      quickReply: topicQuickReplies(),
      max: 10,
    }),
  ];
}

function rankWithinWard(list: readonly Program[], p: Program, wards: WardRegistry): number {
  // Position within its ward first, then the registry's ward order (any number of wards).
  return list.filter((q) => q.ward === p.ward).indexOf(p) * (wards.names.length + 1) + wards.order(p.ward);
}

/** 「くわしく」. */
export function detailReply(ctx: Ctx, programId: string): Message[] {
  const p = ctx.deps.catalogue.byId.get(programId);
  if (!p) return replies.plain(COPY.programNotFound);
  const source = ctx.deps.catalogue.wards.find((w) => w.ward === p.ward)?.source ?? null;
  return [programDetail(p, ctx.style, source === null ? null : readableSource(source, programYearLabel(p)))];
}

/**
 * The document title from a ward file's source note (「…（令和2年度 中央区まちづくりの取組み）」),
 * not file paths: a path becomes the catalogue's title for the program's year.
 */
export function readableSource(source: string, year: string | null): string {
  const title = /（([^（）]*(?:令和|平成)[^（）]*)）/.exec(source)?.[1];
  if (title) return title;
  return /[/\\]|\.txt|\.pdf/.test(source) ? COPY.program.sourceTitle(year) : source;
}
