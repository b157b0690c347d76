/** The engine reads whole messages (issue 11): context never vetoes, small talk, the decision, status order. */
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { loadPrebuiltIndex, loadSearchEngine } from "../../../src/search/load-engine.js";
import { buildRuntimeIndex } from "../../../src/search/runtime-index.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";

const engine = loadSearchEngine();

describe("search over whole messages", () => {
  it("a context sentence in front of a question does not make it refuse (issue 11's example)", () => {
    const plain = engine.search("南区でウォーキングの催しはありますか");
    const withContext = engine.search("車の運転をやめました。南区でウォーキングの催しはありますか");
    expect(plain.results[0]?.id).toBe("minami-m-10");
    expect(withContext.decision.kind).toBe("answer");
    expect(withContext.results[0]?.id).toBe("minami-m-10");
    expect(withContext.analysis.context).toEqual(["車の運転をやめました。"]);
  });

  it("refuses when the phrase the asking clause asks for is mostly things no program names; context never does", () => {
    // 解体 is in no program; its 補助 alone is not what is asked.
    const demolition = engine.search("実家が空き家になったので解体の補助を知りたい");
    expect(demolition.decision).toEqual({ kind: "refuse", reason: "no-match" });
    // The same unnamed thing in the context, with a question the catalogue covers: answered.
    const context = engine.search("実家の解体で疲れました。南区でウォーキングの催しはありますか");
    expect(context.decision.kind).toBe("answer");
    expect(context.results[0]?.id).toBe("minami-m-10");
    // The phrase's head is what is asked for: a deadline (期限) no program names, though the
    // temporary-housing programs match its modifiers; a verb in the predicate (延長できますか)
    // names nothing more.
    // (Refused as a service since the asked act is read: 延長 is an action no program's text says.)
    expect(engine.search("仮設住宅の入居期限って延長できますか").decision.kind).toBe("refuse");
    expect(engine.search("仮設住宅の人との交流会はありますか").decision.kind).toBe("answer");
    // Nouns with okurigana (建て替え) join the phrase; a predicate used as a verb (相談すれば) names
    // nothing: most of the phrase is unnamed.
    expect(engine.search("ビニールハウスの建て替えの補助金ってどこに相談すればいい？").decision.kind).toBe(
      "refuse",
    );
    // One everyday noun among the catalogue's (防災倉庫の備品) is not a different thing.
    expect(engine.search("自治会で防災倉庫の備品を買いたい").decision.kind).not.toBe("refuse");
  });

  it("refuses a live status (what is open right now) with where to ask, though the shelter programs match", () => {
    // (Asked with どこ, it is also a shelter's location, 避難場所: refused on that first.)
    expect(engine.search("今日開いてる避難所はどこですか").outOfScope).toBe("避難場所");
    const now = engine.search("今日開いてる避難所を教えて");
    expect(now.decision).toEqual({
      kind: "refuse",
      reason: "out-of-scope",
      outOfScope: "いまの 開設・受付・発令の ようす",
    });
    expect(now.outOfScope).toBe("いまの 開設・受付・発令の ようす");
    // A procedure none of whose best programs residents apply to: a municipal procedure.
    expect(engine.search("子どもが転校するので小学校の手続きを教えて").decision).toEqual({
      kind: "refuse",
      reason: "out-of-scope",
      outOfScope: "くらしの 手続き",
    });
    expect(engine.search("避難所運営委員会の助成金の申請ってどうすればいいの").decision.kind).not.toBe(
      "refuse",
    );
    // The shelter programs themselves stay found; a moment in the context never refuses.
    expect(engine.search("避難所の運営の訓練はありますか").decision.kind).toBe("answer");
    expect(engine.search("今日は雨で避難所が開いています。避難所運営の訓練はありますか").decision.kind).toBe(
      "answer",
    );
  });

  it("an out-of-scope word refuses only when it is what is asked", () => {
    const asked = engine.search("粗大ごみの出し方を教えて");
    expect(asked.decision).toEqual({
      kind: "refuse",
      reason: "out-of-scope",
      outOfScope: "ごみ・リサイクル",
    });
    expect(asked.abstained).toBe(true);
    const context = engine.search("ごみ出しが大変になってきたけど地域の見守り活動はありますか");
    expect(context.decision.kind).not.toBe("refuse");
    expect(context.results.length).toBeGreaterThan(0);
  });

  it("an out-of-scope word that only describes the thing asked for does not refuse; one that is asked does", () => {
    // The thing asked for is the catalogue's (研修, 教室, 訓練); the other desk's word (病院, ごみ,
    // 体育館) modifies it or the asker's situation.
    for (const q of [
      "病院の先生と一緒に地域の見守りを学ぶ研修はありますか",
      "ごみ出しで困っている外国の人と話せるようになる教室はありますか",
      "体育館を使って住民だけで避難所を開く訓練",
      // The thing asked is a noun with its kana (集まり, 集い): still the phrase asked for.
      "病院や 介護の 人と 年寄りを 支える 仕組みを 学ぶ 集まりは ありますか",
      "ごみ出しに 困る 外国の 人と 話す 集いは ありますか",
    ]) {
      const r = engine.search(q);
      expect(r.decision.kind, q).not.toBe("refuse");
      expect(r.results.length, q).toBeGreaterThan(0);
    }
    // What is done with the thing (予約したい), a thing about another one (補助 of 耐震診断), or
    // an asking clause that names only a verb (登録したい): the out-of-scope word is what is asked.
    const refusedAs = (q: string) => engine.search(q).decision;
    expect(refusedAs("公民館の会議室を予約したい")).toMatchObject({ kind: "refuse", reason: "out-of-scope" });
    expect(refusedAs("古い家なので耐震診断を受けたい。補助はありますか")).toMatchObject({
      kind: "refuse",
      reason: "out-of-scope",
    });
    expect(refusedAs("犬を飼い始めたので登録したい")).toMatchObject({
      kind: "refuse",
      reason: "out-of-scope",
    });
  });

  it("refuses an age limit or a room's free days asked of a thing the catalogue matches weakly, with where to ask", () => {
    // (子ども医療費 itself is now an out-of-scope topic, 子どもの手続き: another grant asked of.
    // The detail's own 歳 brings a program whose text gives ages (a check-up at 1歳半) into the
    // top three: it names no 助成, so it gives no age of one.)
    for (const q of ["子どもの習い事の補助は何歳までですか", "子どもの通院の助成は何歳までですか"])
      expect(engine.search(q).decision).toEqual({
        kind: "refuse",
        reason: "out-of-scope",
        outOfScope: "対象の 年齢",
      });
    expect(
      engine.search("公民館の部屋を使いたいけど、空いている日はどこで分かりますか").decision,
    ).toMatchObject({
      kind: "refuse",
      reason: "out-of-scope",
    });
    // Asked of a program the catalogue matches well: the program is shown.
    expect(engine.search("高齢者の体操教室は何歳から参加できますか").decision.kind).toBe("answer");
  });

  it("shows a ward's grants with a choice for a terse grant question whose other words the catalogue holds only in another ward", () => {
    // 空き店舗 is a 中央区 program's; 健軍 is 東区, whose grants are the closest answer.
    const r = engine.search("健軍 空き店舗 使って 何かしたい 助成ある？");
    expect(r.decision.kind).toBe("answer-with-choice");
    expect(r.results.every((h) => h.ward === "東区")).toBe(true);
    // A thing no program names (補聴器) is still refused, grant or not.
    expect(engine.search("補聴器 買いたい 助成ある？ 東区").decision.kind).toBe("refuse");
  });

  it("refuses a facility's hours, a vacancy, a flower's best time or a person's contact no program states, however the message is spaced or which clause asks it", () => {
    for (const q of [
      // Opening hours asked in the first of two asking clauses, words written apart.
      "大江の 児童館って 何時から 開いてますか？ 子どもと 行ける ところ 探してます",
      // A vacancy at a service, in a sentence that asks to know it.
      "東区で 学童保育に 空きが ある ところを 知りたいです",
      // A season's peak: no program's text says when anything blooms.
      "江津湖の 菜の花は いつ頃が 見頃ですか？ 家族で 行きたいです",
      // A person's phone number: the program's card gives no one's.
      "校区の 防犯パトロールの 隊長さんの 連絡先を 知りたい",
    ])
      expect([q, engine.search(q).decision.kind]).toEqual([q, "refuse"]);
    // Their twins that ask for the programs themselves are answered, and so are a program's hours
    // when the program is named outright (its card says where to ask).
    for (const q of [
      "東区で 子育て中の 親子が 集まれる 場所は ありますか",
      "北区の ひまわりの 絵の 大会は ありますか",
      "あさひばリビングは 何時から 開いて いますか？ 孫と 行きたいです",
      "防災訓練の 連絡先を 教えて ください",
    ])
      expect([q, engine.search(q).decision.kind]).not.toEqual([q, "refuse"]);
  });

  it("refuses a fact or a part of a named place that no program holds (a password, a course's length), and housing applied for, with where to ask", () => {
    // A detail no program names, of things programs name: asked to be told, or whether there is.
    for (const q of [
      "公民館のWi-Fiのパスワードは何ですか",
      "コミュニティセンターのWi-Fiの暗証番号を知りたい",
    ])
      expect([q, engine.search(q).decision.kind]).toEqual([q, "refuse"]);
    // A length or distance: no program's text gives one.
    for (const q of [
      "江津湖の遊歩道の長さはどのくらいですか",
      "ウォーキングコースの距離を教えてください",
      "ウォーキングの催しのコースは何キロですか",
    ])
      expect(engine.search(q).decision).toEqual({
        kind: "refuse",
        reason: "out-of-scope",
        outOfScope: "道のりや コースの 長さ",
      });
    // Applying for housing (its intake, a vacancy): the exchange meetings of its residents are no intake.
    for (const q of [
      "県営住宅の募集はいつありますか",
      "団地に応募したい",
      "仮設住宅って今でも申し込めるの？",
    ])
      expect([q, engine.search(q).decision]).toEqual([
        q,
        { kind: "refuse", reason: "out-of-scope", outOfScope: "住宅への 入居" },
      ]);
    // Their answerable twins: the named thing itself, and a gathering of the residents joined.
    for (const q of [
      "地域コミュニティセンターのWi-Fiの整備について教えて",
      "南区のウォーキングの催しはありますか",
      "仮設住宅の交流会に申し込みたいです",
      "災害公営住宅の入居者の交流会に申し込みたい",
    ])
      expect([q, engine.search(q).decision.kind]).toEqual([q, "answer"]);
  });

  it("reads a notification handed in (〜届を出す) as a procedure, a visa in kana as another desk's, 熊本弁 ほんなこつ as asking nothing", () => {
    expect(engine.search("出生届を出したいです").decision.kind).toBe("refuse");
    expect(engine.search("妊娠届を出して母子手帳をもらいたい").decision).toMatchObject({
      kind: "refuse",
      reason: "out-of-scope",
    });
    expect(engine.search("べとなむじんです。びざ の こうしん は どこ ですか").decision).toEqual({
      kind: "refuse",
      reason: "out-of-scope",
      outOfScope: "在留資格・ビザ",
    });
    // 「ほんなこつ？」 (really?) asks about the clause before it.
    const really = engine.search("南区で防災のバスツアーのあるて聞いたばってん、ほんなこつ？");
    expect(really.decision.kind).not.toBe("refuse");
    expect(really.results.length).toBeGreaterThan(0);
  });

  it("small talk gets no programs and is not a refusal", () => {
    for (const text of ["ありがとう！助かったよ", "おはようございます 今日はいい天気ですね", "👍", "はい"]) {
      const r = engine.search(text);
      expect([text, r.decision.kind, r.results.length, r.abstained]).toEqual([text, "small-talk", 0, false]);
    }
  });

  it("context names the subject when the asked part names none; an audience alone is a subject", () => {
    const r = engine.search("80歳です。何か参加できるものはありますか");
    expect(r.decision.kind).not.toBe("refuse");
    expect(r.results.length).toBeGreaterThan(0);
  });

  it("reads English and romaji questions", () => {
    const en = engine.search("Are there any disaster prevention classes in Higashi ward?", { limit: 3 });
    expect(en.ward).toBe("東区");
    expect(en.results.length).toBeGreaterThan(0);
    for (const h of en.results) expect(h.ward).toBe("東区");
    const ro = engine.search("bousai no kouza wa arimasu ka", { limit: 3 });
    expect(ro.decision.kind).not.toBe("refuse");
    expect(ro.results[0]?.name).toMatch(/防災/);
  });

  it("reads kana-only Japanese as it reads kanji: a need said in kana, question forms in kana", () => {
    // 友達 is a need cue (→ 交流, 居場所); a resident who cannot write its kanji writes ともだち.
    const kana = engine.analyse("ともだち に なりたい");
    expect(kana.words.map((w) => w.text)).toEqual(engine.analyse("友達になりたい").words.map((w) => w.text));
    expect(kana.words[0]?.expansions).toContain("交流");
    // A long kana message by a foreign resident (blind set E's kind) is answered, not refused.
    const r = engine.search(
      "わたし 技能実習生 です。北区 の 公民館 で 日本人 と ともだち に なる ところ ありますか。",
    );
    expect(r.decision.kind).not.toBe("refuse");
    expect(r.results.map((h) => h.id)).toContain("kita-m-02");
    // どうしたらいいか asks; it names nothing (not 同士 + らいい).
    expect(engine.analyse("どうしたらいいか").words).toEqual([]);
  });

  it("reads romaji as the catalogue writes it, whatever its long vowels", () => {
    // Dropped (bosai, koreisha, kenko), doubled (boosai) or spelled-out (chuuou) long vowels
    // all meet the catalogue's words; the ward is read in any of its spellings.
    const dropped = engine.search("higashi-ku no koreisha no kenko kyoshitsu wa arimasu ka");
    expect(dropped.analysis.readable).toContain("高齢者");
    expect(dropped.analysis.readable).toContain("健康");
    const long = engine.search("chuuou-ku de boosai no kouza wa arimasu ka", { limit: 3 });
    expect(long.ward).toBe("中央区");
    expect(long.analysis.readable).toContain("防災");
    expect(long.results[0]?.id).toBe("chuo-f-07");
    // A romaji word is never cut by a conjunction inside it: たいけん is 体験, not たい + けん.
    const farm = engine.search("minami-ku de nougyou no taiken wo shitai desu");
    expect(farm.analysis.clauses).toHaveLength(1);
    expect(farm.analysis.readable).toContain("体験");
    // An English word inside romaji is not read as romaji (salon is not さぉん).
    const salon = engine.search("higashi-ku no salon ni ikitai desu", { limit: 3 });
    expect(salon.analysis.readable).toContain("サロン");
    expect(salon.results[0]?.id).toBe("higashi-m-05");
  });

  it("reads English clause by clause: context, then what is asked", () => {
    const r = engine.search("I'm a nurse living in Akitsu, is there a lobby where my kids can play?");
    expect(r.analysis.asked).toContain("ロビー");
    expect(r.analysis.asked).not.toContain("秋津");
    expect(r.ward).toBe("東区");
    expect(r.results[0]?.id).toBe("higashi-m-04");
    // A name the catalogue and the gazetteer do not know is dropped, not matched in pieces.
    const name = engine.search("Hi, I'm a Canadian guy in Minami-ku. Any walking events?");
    expect(name.analysis.readable).not.toMatch(/[\u3041-\u309f]/u);
    expect(name.results[0]?.id).toBe("minami-m-10");
    // A clause that asks but names nothing asks about the one before it.
    const support = engine.search("Since the earthquake I worry about my kids health. Any support?");
    expect(support.analysis.asked).toContain("地震");
    expect(support.decision.kind).not.toBe("refuse");
    // A clause of condition or time put first belongs to the question after it.
    for (const q of [
      "If a big earthquake comes, where can I learn what to do?",
      "When an earthquake happens, is there a class to learn what to do?",
    ]) {
      const when = engine.search(q);
      expect(when.analysis.asked, q).toContain("地震");
      expect(when.analysis.context, q).toEqual([]);
    }
    const reason = engine.analyseMessage("I moved here last year, is there a walking event?");
    expect(reason.asked).not.toContain("引っ越");
  });

  it("finds the program an English question names in the catalogue's own content words", () => {
    const condo = engine.search(
      "Does the city help apartment residents in Chuo-ku build community? I live in a condo.",
      { limit: 3 },
    );
    expect(condo.analysis.readable).toContain("マンション");
    expect(condo.results[0]?.id).toBe("chuo-m-12");
    // "Mansion" is what residents in Japan call a condominium, in English too; "make" a
    // community is to build one.
    const mansion = engine.search("Our mansion in Chuo-ku has no events. How can residents make community?", {
      limit: 3,
    });
    expect(mansion.analysis.readable).toContain("マンション");
    expect(mansion.analysis.readable).toContain("コミュニティ 形成");
    expect(mansion.results[0]?.id).toBe("chuo-m-12");
  });

  it("never takes the audience the script implies (English → 外国人) for what is asked", () => {
    // Its own words (residence card, address) are nothing the catalogue knows: refused, not
    // answered with programs for foreign residents.
    const r = engine.search("I need to renew the visa stamp in my passport booklet. Where should I go?");
    expect(r.analysis.contextAudiences).toContain("外国人");
    expect(r.analysis.audiences).not.toContain("外国人");
    expect(r.decision.kind).toBe("refuse");
    // Named outright, the audience still is a subject.
    expect(engine.search("Any events for foreigners?").decision.kind).not.toBe("refuse");
  });

  it("takes 「〜がわかりません」 as asking: the thing not understood is what is asked", () => {
    const r = engine.search("gomi no dashikata ga wakarimasen. eigo no chirashi wa arimasu ka");
    expect(r.decision).toMatchObject({ kind: "refuse", reason: "out-of-scope" });
  });

  it("answers a weakly covered question with a choice when its best program matches strongly", () => {
    // Little of it is covered (見当, 決めて), but 台風/不安/町内 meet the disaster programs strongly.
    const q = "台風が近づくたびに不安になります。町内で何を決めておけばいいのか見当もつきません";
    const r = engine.search(q);
    expect(r.decision.kind).toBe("answer-with-choice");
    expect(r.results.length).toBeGreaterThan(0);
    // Without the strong-match rule the same question is refused.
    const strict = loadSearchEngine({ params: { strongMatchScore: Infinity } });
    expect(strict.search(q).decision).toEqual({ kind: "refuse", reason: "no-match" });
    // A procedure question must name what it applies for, however strong the rest matches.
    expect(engine.search("地震で壊れた家の片付けの手続き").decision.kind).toBe("refuse");
  });

  it("reuses an analysis given by the caller instead of reading the message again", () => {
    const analysis = engine.analyseMessage("東区で防災の講座はありますか");
    const r = engine.search("ignored text", { analysis });
    expect(r.analysis).toBe(analysis);
    expect(r.ward).toBe("東区");
    expect(r.results.length).toBeGreaterThan(0);
  });

  it("keeps abstained equal to a refusal", () => {
    for (const q of [
      "東区で防災の講座はありますか",
      "住民票がほしい",
      "はい",
      "プログラミング教室はありますか",
    ]) {
      const r = engine.search(q);
      expect([q, r.abstained]).toEqual([q, r.decision.kind === "refuse"]);
    }
  });
});

describe("program-side phrasings", () => {
  it("never make a short question that names a thing answerable on their own", () => {
    const index = buildRuntimeIndex(
      [
        {
          id: "walk",
          ward: null,
          name: "健康ウォーキング大会",
          description: "地域の公園を歩く大会を開きます。",
          askedAs: ["歩く会のあとにバスツアーもありますか", "ウォーキングの大会はいつ"],
        },
      ],
      loadPrebuiltIndex().lexicon,
    );
    const e = createSearchEngine(index, loadVocabulary(), loadGazetteer());
    // バスツアー is only in a phrasing: the program does not hold the thing named.
    expect(e.search("バスツアーある？").decision).toEqual({ kind: "refuse", reason: "no-match" });
    // Named in the program's own text, the same shape of question is answered.
    expect(e.search("ウォーキングある？").decision.kind).toBe("answer");
  });
});

describe("status order", () => {
  it("puts programs that ran before cancelled ones when relevance is equal", () => {
    const doc = { ward: null, name: "夏まつり", description: "地域の夏まつりを開きます。" };
    const index = buildRuntimeIndex(
      [
        { ...doc, id: "a-cancelled", priority: 2 },
        { ...doc, id: "b-partly", priority: 1 },
        { ...doc, id: "c-ran", priority: 0 },
      ],
      loadPrebuiltIndex().lexicon,
    );
    const e = createSearchEngine(index, loadVocabulary(), loadGazetteer());
    expect(e.search("夏まつり").results.map((h) => h.id)).toEqual(["c-ran", "b-partly", "a-cancelled"]);
  });
});
