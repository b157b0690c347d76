/**
 * "No worse than before on the existing sets" (issue 11), as a gate: every seen question set
 * keeps at least the quality it had when it was last measured on main (2026-12-06, third session,
 * main 8ce94ed; blind G and H added when first measured, fourth session, main 29cd5b6). The figures are the measured ones rounded down to three decimals, so any lost
 * answer fails. When a change moves a set on purpose, update its row in the same commit and say why
 * in the commit message and in docs/benchmarks.md. Fifth session (engineer E4): A, D, G, H raised by
 * romaji read with long vowels folded and English read clause by clause; E, F and holdout 3 lowered
 * by .001 each, one question's rank each (E111 2→3, F103 2→3, k078 6→7), because the programs'
 * English phrasings are now read right (permanent housing was 仮設住宅, meet local people named
 * nothing, retired named nothing). End of the fifth session (lead, main 8c0d79a): blind I added
 * when first measured; E, F, G and H raised to what the fifth session's engine measures (out-of-scope
 * words that only describe the thing asked, details no program gives, towns from Japan Post, romaji
 * and English reading). Sixth session (engineer E1): no-answer floors of C, H and I raised by the
 * near-miss refusals (relations asked — buy, money for oneself, moving in, a consultation desk —
 * that no best program gives; relation-only asking clauses borrowing the clause before; things
 * none of the searched ward's programs name; English "cash payment" as 給付金).
 * Sixth session (engineer E2): 熊本弁 read as standard Japanese and small talk in
 * residents' languages — I's small talk raised to 1 (Terima kasih 😊), F's refused lowered to
 * .015 (F026 answered); C lowered by one question (C030 1 → refused): its request 「〜ばしてはいよ」 is
 * now read as 「〜をしてください」, so the asking clause is the request, whose 「若い者」 is the
 * vocabulary's need cue for young people that no 西区 program names — the engine refuses the
 * standard twin 「西区で若い人が集まるイベントはありますか」 the same way (a decision matter, not
 * dialect; docs/benchmarks.md).
 * End of the sixth session (lead, main 3084bf7): blind J added when first measured (hit@3 .978,
 * MRR .942, refused 0.7 %, no-answer .821, small talk 1); A, D, F and G MRR raised to what the
 * sixth session's engine measures (two needs each given their best program in the top 3).
 * Seventh session (engineer E1): no-answer floors of A, B, C, H and J raised by the asked act
 * (src/search/asked-act.ts): a request, leave, a rule or whether one can, refused when no best
 * program offers that action on that thing (A067 引き取って, A134/J168 足音の相談, B155 対処,
 * B167/J177 公園でバーベキュー, C172 入らないといけない, H052 チームの紹介); no answerable question
 * of any set changed.
 * Seventh session (engineer E6): J raised (hit@3 .992, MRR .955, refused 0): a clause that asks
 * only for a detail (いつ頃ですか) asks about the clause before it (J078), and a common place name
 * next to the neighbourhood's institutions through a particle is the place (花園で町内会長, J033).
 * End of the seventh session (lead, main 1347f71): blind K added when first measured (hit@3 .921,
 * MRR .871, refused 0.7 %, no-answer .750, small talk .833).
 * Eighth session (engineer E2): K's small talk raised to 1 and no-answer to .821 — thanks read with
 * what it is for (K152), Chinese small talk in both scripts with its fillers (K150), 熊本弁 "must"
 * read as a rule (K163), a live status in any asking clause (K153); then no-answer .928 by three
 * relations no program gives (vocabulary \`relations\`): renting a room (K168), money for one's own
 * qualification or exam (K177), leaving a group (K179). No other set changed.
 * Eighth session (engineer E1): K no-answer raised to .857 by the asked act of receiving a thing
 * (K170, free emergency food asked in romaji); no other answer of any seen set changed. Both
 * together: K no-answer .964 (27 of 28; K161 left).
 * End of the eighth session (lead, main 7190e81): blind L added when first measured (hit@3 .857,
 * MRR .821, refused 7.1 %, no-answer .893, small talk .917).
 * Ninth session (engineer E1): C, D, E, F, G and L raised (hit@3, MRR, refused) by the in-scope
 * weak match (decision.ts): a message whose best program holds two of the asked part's specific
 * words is shown the closest programs with a choice instead of refused (C038, D029, D089, E050,
 * F050, G085, L076, L105); no no-answer question of any set changed.
 * Then D and L raised by a hope read as what is asked when no clause asks outright
 * (〜たらいいなと思って, 〜があればと思うのですが: D040, L051, L055 answered); I's MRR lowered by .002
 * (.902 → .900), one question's rank (I047 1 → 2): its hope clause is now what is asked, so 孫が
 * 夏休みに来ます is context, whose audience words add score outside the coordination factor and lift
 * a 親子 exchange program over the bus tour (a ranking matter of context weight, scoring.ts).
 * Ninth session (engineer E2): each program's best single phrasing joins the order
 * (src/search/phrasing-match.ts): hit@3 and MRR raised where they rose (A–I, K, L's hit@3 and
 * holdout 3); blind L's MRR floor lowered .849 → .848 (lead's OK asked in the report): L104's
 * grade-2 program and a grade-1 one were tied within 0.1 % (27.508 / 27.488) and swapped places.
 * Then (engineer E1, after E2's phrasings) L raised to hit@3 .9, MRR .856, refused .029: a
 * relational noun (補助) whose object before it is a catalogue noun phrase (住民の組織に、お金の補助)
 * is about that object, not the out-of-scope word describing it (L075); a sentence is not cut
 * before an auxiliary written apart (いるので しょうか: L005).
 * End of the ninth session (lead, main 0afb8bc): blind N added when first measured (hit@3 .908,
 * MRR .842, refused 2.8 %, no-answer .815, small talk .917). (Set M, written in the eighth
 * session, was lost with that session's machine before it was ever measured.)
 * Tenth session (engineer E2): MRR raised on A, C, D, F–L and N, hit@3 on C, F and J: a place
 * named in the context (「城南町に住んでおります。」) ranks a program only as far as the program
 * answers the asked part, and the resident's own place's programs rise by their tie to it
 * (placeBoost 0.5): 13 messages' wanted program rises, none falls; no decision changes.
 * Then the context's other words rank a program half by themselves and half as far as the
 * program answers the asked part (contextFloor 0.5): over every seen set hit@3 2129 → 2136 of
 * 2,231 and MRR .919 → .923 (45 messages' wanted program rises, 16 fall); raised where they rose,
 * and, the lead's OK asked in the report, lowered where a message's topic was only in its context
 * (B hit@3 .984 → .976: B036, whose friend from Vietnam is the context of 「つきあい方がわからない」;
 * C MRR .882 → .880, E .949 → .945, F .913 → .912: C053, C054, E044, E083, F097, F105 one or two
 * places each).
 * End of the tenth session (lead, main 42757d9): blind O added when first measured (hit@3 .814,
 * MRR .767, refused 5.0 %, no-answer .678, small talk .416).
 * Eleventh session (engineer E1): kana nothing knows (no lexicon word, no reading of a kanji word,
 * no kanji it could be typed for: いう of という, こし of 掘り起こし) is a weak word, not the rarest
 * word of the message: over every seen set hit@3 2207 → 2211 of 2,327, MRR .9136 → .9157 (15
 * messages' wanted program rises, 3 fall; O019 no longer refused); raised where they rose. Lowered,
 * the lead's OK asked in the report: blind K's no-answer .964 → .928 (K180 「…土のうのほしか。どこで
 * もらえると？」 was refused only because its ほし, an inflection, matched nothing; now 土 of 土のう
 * answers it — 土のう is what no program names, which the engine does not see).
 * Then (engineer E1) 12 more phrasings per program (1,306, knowledge/asked-as, written by two
 * helpers from the catalogue only; 874 → 2,180), strongMatchScore 10 → 13 (the best programs'
 * scores rose with them) and a detail no program gives refused unless the best program's own
 * text, not its phrasings, covers the question: over every seen set hit@3 2212 → 2233 of 2,327,
 * MRR .916 → .934, answerable refused 39 → 24; no-answer refused 527 → 516 of 558 (phrasings that
 * say a word a near-miss asks for — 子ども, 助成, 防災無線 — make its best program cover it). Set to
 * the new figures, the lead's OK asked in the report for those lowered: no-answer on A, B, D, E,
 * N, O and the three holdouts; hit@3 on A (.959 → .939), F, J and holdout 1; MRR on A and holdout 1.
 * End of the eleventh session (lead, main d5b30a6): the lowered floors above accepted (more answerable
 * messages found and fewer refused than no-answers lost, over every seen set); blind P added when
 * first measured (hit@3 .921, MRR .890, refused 4.3 %, no-answer .714, small talk .727).
 * Twelfth session (engineer E3): P's no-answer raised to .857 by four relations no program gives
 * (vocabulary `relations`): an examination (P051), a permit or notification (P067), a route or
 * where to get off (P044), goods for one household (P141); no other answer of any seen set changed.
 * Then .928: the thing asked read where the particle before ある is dropped (ジョギングコースありますか:
 * P160) and a grant's purpose object marked by に (光回線にするのに補助: P171); nothing else changed.
 * Then A, D and E no-answer raised (.942, .92, 1): 子ども医療費助成, a ward-office benefit no program
 * names, joins the out-of-scope topic 子どもの手続き (A061, D160, E180); no other decision changed.
 * Twelfth session (engineer E2; lead's OK asked in the report): H's MRR .941 → .940 and L's
 * .888 → .887, one rank each, by readings made right: H041's いい no longer matches a reading of
 * another word (1 → 2); L091's みかん was read as 熊本弁 みかない, whose かな made the context clause
 * asked (0 → 1, still first page). Over every seen set the same change gains top-3 answers
 * (2,409 → 2,412 of 2,512) and MRR (.9326 → .9334).
 * Twelfth session (engineer E6): P's small talk raised to 1 — well-wishes read with whom they are
 * for (皆様も, 区役所の皆さんも) and 熊本弁 remarks on the heat (汗だくたい, おったら = いたら).
 * End of the twelfth session (lead, main 57159fc): blind Q added when first measured (hit@3 .964,
 * MRR .896, refused 2.2 %, no-answer .653, small talk .916); H's and L's lowered MRR accepted (one
 * rank each, more top-3 answers over every seen set).
 * Thirteenth session (engineer E2): Q raised (hit@3 .978, MRR .910, refused .008) and B's MRR
 * (.982): an English loanword inside a romaji sentence read as the catalogue's katakana word
 * (Sudachi's alphabet spellings: Q016 machizukuri center), a plain predicate with が ending a
 * clause (Q165 入っとるが), a 熊本弁 adjective's ウ音便 read as 〜く (B023 詳しゅう教えて).
 * End of the thirteenth session (lead, main d6b2ac8): blind R added when first measured (hit@3 .842,
 * MRR .785, refused 3.6 %, no-answer .607, small talk .583).
 * Fourteenth session (engineer E1): P (hit@3 .95, MRR .903), Q (MRR .914) and R (hit@3 .85, MRR
 * .793) raised by a common place name framed by the neighbourhood's organisations (花園で自主防災の
 * 世話役: R013, P082) or standing as the message's last sentence (「…ありますか。花園です」): the ward
 * is then known; no other set changed.
 * Fourteenth session (engineer E3): R's small talk raised to 1 and F's MRR to .920 — closings read
 * as a class (敬具, Kind regards, Cheers, Saludos, したっけ), a sender line (黒髪より), a letter's
 * prayer (召されませんよう) and 〜お過ごしくださいませ, a predicate written apart from the formal
 * noun it modifies (わからない こと).
 * Then (engineer E1) P's MRR (.908) and R (hit@3 .864, MRR .804): a list's next item (もうひとつは, 二つ目は) begins
 * a need of its own, with a と or や inside an item joining no needs (R168, P075), and a quotation
 * is one piece of its sentence, its question someone else's (『反社をなくそう！』みたいな集会: R127).
 * Then R (hit@3 .871, MRR .81): "mansion", Japan-English for a condominium, and "make community"
 * read as the catalogue's マンション and コミュニティ 形成 (R056).
 * Fourteenth session (engineer E5): C's no-answer raised to .888 and holdout 3's to .96: a written
 * compound's parts held only in different phrasings of a program no longer cover it (C173 防災無線,
 * k101 認知症サポーター養成講座; calibration c027 学童保育 too); no answerable question changed.
 * End of the fourteenth session (lead, main 5c6726a): blind S added when first measured (hit@3 .900,
 * MRR .834, refused 5.0 %, no-answer .642, small talk .750).
 * Fifteenth session (engineer E3): no-answer raised on D (.96), G (1), O (.928) and S (.821): a fact
 * about the resident's own home, a day's opening, an out-of-scope topic asked in an earlier question,
 * romaji compounds parted at their words and goods received from the city are refused.
 * End of the fifteenth session (lead, main 0b0a1b4): blind T added when first measured (hit@3 .936,
 * MRR .857, refused 2.1 %, no-answer .857, small talk .750).
 * Then every floor raised to what main b83b12a measures: fifteen sets had risen above their rows
 * since those were set (this session's reading of long messages, no-answers and small talk, and
 * earlier sessions' changes whose engineers did not raise them).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateDevSet, parseQuerySet } from "../../../src/search/evaluate.js";
import { loadSearchEngine } from "../../../src/search/load-engine.js";

interface Floor {
  hit3: number;
  mrr: number;
  /** Highest share of answerable questions refused. */
  refused: number;
  /** Lowest share of no-answer questions refused. */
  noAnswer: number;
  /** Lowest share of small talk recognised (null: the set has none). */
  smallTalk: number | null;
}

const FLOORS: Record<string, Floor> = {
  "blind-a": { hit3: 0.939, mrr: 0.917, refused: 0.014, noAnswer: 0.971, smallTalk: 1 },
  "blind-b": { hit3: 0.992, mrr: 0.982, refused: 0, noAnswer: 0.9, smallTalk: 1 },
  "blind-c": { hit3: 0.935, mrr: 0.901, refused: 0.029, noAnswer: 0.925, smallTalk: 1 },
  "blind-d": { hit3: 0.992, mrr: 0.959, refused: 0, noAnswer: 0.96, smallTalk: 1 },
  "blind-e": { hit3: 1, mrr: 0.982, refused: 0, noAnswer: 1, smallTalk: 1 },
  "blind-f": { hit3: 0.95, mrr: 0.921, refused: 0.008, noAnswer: 0.964, smallTalk: 1 },
  "blind-g": { hit3: 0.985, mrr: 0.954, refused: 0.008, noAnswer: 1, smallTalk: 1 },
  "blind-h": { hit3: 0.971, mrr: 0.947, refused: 0, noAnswer: 0.928, smallTalk: 1 },
  "blind-i": { hit3: 0.971, mrr: 0.948, refused: 0.022, noAnswer: 1, smallTalk: 1 },
  "blind-j": { hit3: 0.992, mrr: 0.975, refused: 0, noAnswer: 0.892, smallTalk: 1 },
  "blind-k": { hit3: 0.942, mrr: 0.922, refused: 0, noAnswer: 0.928, smallTalk: 1 },
  "blind-l": { hit3: 0.928, mrr: 0.887, refused: 0.022, noAnswer: 0.892, smallTalk: 1 },
  "blind-n": { hit3: 0.971, mrr: 0.915, refused: 0, noAnswer: 0.888, smallTalk: 1 },
  "blind-o": { hit3: 0.857, mrr: 0.826, refused: 0.015, noAnswer: 0.928, smallTalk: 1 },
  "blind-p": { hit3: 0.957, mrr: 0.915, refused: 0.022, noAnswer: 0.928, smallTalk: 1 },
  "blind-q": { hit3: 0.978, mrr: 0.914, refused: 0.008, noAnswer: 0.846, smallTalk: 1 },
  "blind-r": { hit3: 0.892, mrr: 0.831, refused: 0.015, noAnswer: 0.75, smallTalk: 1 },
  "blind-s": { hit3: 0.914, mrr: 0.849, refused: 0.036, noAnswer: 0.821, smallTalk: 1 },
  "blind-t": { hit3: 0.935, mrr: 0.857, refused: 0.022, noAnswer: 0.857, smallTalk: 0.75 },
  holdout: { hit3: 0.988, mrr: 0.959, refused: 0, noAnswer: 0.884, smallTalk: null },
  holdout2: { hit3: 1, mrr: 0.983, refused: 0, noAnswer: 0.88, smallTalk: null },
  holdout3: { hit3: 0.987, mrr: 0.956, refused: 0, noAnswer: 0.96, smallTalk: null },
};

const engine = loadSearchEngine();

describe("seen question sets stay at least as good as when last measured", () => {
  for (const [name, floor] of Object.entries(FLOORS)) {
    it(name, () => {
      const raw: unknown = JSON.parse(
        readFileSync(new URL(`../../fixtures/search/${name}.json`, import.meta.url), "utf8"),
      );
      const parsed = parseQuerySet(raw);
      if (!parsed.ok) throw new Error(`${name}: ${parsed.error}`);
      const r = evaluateDevSet(engine, parsed.queries);
      const why = r.failures.map((f) => `${f.id} ${f.query}: ${f.reason}`).join("\n");
      expect(r.overall.hit3, why).toBeGreaterThanOrEqual(floor.hit3);
      expect(r.overall.mrr, why).toBeGreaterThanOrEqual(floor.mrr);
      expect(r.overall.falseAbstainRate, why).toBeLessThanOrEqual(floor.refused);
      expect(r.overall.abstainAccuracy, why).toBeGreaterThanOrEqual(floor.noAnswer);
      if (floor.smallTalk === null) expect(r.overall.smallTalkAccuracy).toBeNull();
      else expect(r.overall.smallTalkAccuracy, why).toBeGreaterThanOrEqual(floor.smallTalk);
    });
  }
});
