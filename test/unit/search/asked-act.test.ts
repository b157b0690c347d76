/**
 * The act an asking clause asks for, read from its grammar (src/search/asked-act.ts, issue 11):
 * a request, leave, a rule or whether one can, answered only when a best program offers that
 * action on that thing. Every message here was written for this test from the grammar, none
 * taken from an evaluation set: near misses (a service, a permission or a rule of another desk)
 * and answerable twins in the same forms.
 */
import { describe, expect, it } from "vitest";
import { ASKED_ACT_TOPICS } from "../../../src/knowledge/asked-acts.js";
import { createActReader, readAct } from "../../../src/search/asked-act.js";
import { loadSearchEngine } from "../../../src/search/load-engine.js";

describe("reading the act of an asking clause", () => {
  it("reads requests, leave, rules and whether one can, with the action and what it is done to", () => {
    expect(readAct("古い冷蔵庫を引き取ってもらえますか")).toMatchObject({
      kind: "request",
      action: "引き取",
      verb: true,
    });
    expect(readAct("雨どいの掃除をしてくれませんか")).toMatchObject({
      kind: "request",
      action: "雨どいの掃除",
      activity: true,
    });
    expect(readAct("広場でスケボーしてもいいですか")).toMatchObject({
      kind: "permission",
      action: "スケボー",
      object: "",
    });
    expect(readAct("町内会には入らなきゃだめですか")).toMatchObject({ kind: "obligation" });
    // Western Japanese いかない (and 熊本弁 いかん, read as いかない by dialect.ts) say a rule too.
    expect(readAct("子ども会の役は受けないといかないのですか")).toMatchObject({ kind: "obligation" });
    expect(readAct("清掃には参加しなければいかんのでしょうか")).toMatchObject({ kind: "obligation" });
    expect(readAct("騒音のことで区に相談できますか")).toMatchObject({ kind: "ability", action: "相談" });
    expect(readAct("このトラブルはどう解決すればいいですか")).toMatchObject({
      kind: "ability",
      action: "解決",
    });
    // Romaji read as spaced kana: the loanword in kana is the action.
    expect(readAct("ひろば で たこあげ しても いい です か")).toMatchObject({
      kind: "permission",
      action: "たこあげ",
    });
  });

  it("reads a request asked as whether it can be done (〜てもらうことはできますか) as the request, and who is asked (〜から) as no thing acted on", () => {
    for (const [head, action] of [
      ["区役所から注意してもらうことはできますか", "注意"],
      ["市の人から注意してもらえますか", "注意"],
      ["子どもを預かってもらうことは可能ですか", "預か"],
      ["古いタンスを引き取っていただくことはできますか", "引き取"],
      ["区から説明してもらうことってできますか", "説明"],
    ] as const) {
      const act = readAct(head);
      expect([head, act?.kind, act?.action]).toEqual([head, "request", action]);
      // Who acts (区役所から, 市の人から, 区から) is not what the action is done to.
      expect(act?.object ?? "").not.toMatch(/から$/u);
    }
    // What one can do oneself is still a question of whether one can, not a request.
    expect(readAct("子どもと参加することはできますか")).toBeNull();
  });

  it("reads no act in a phrase that names a thing, in a statement, or in a request for information", () => {
    for (const head of [
      // The act describes the thing asked for (a program that helps): the ranking matches it.
      "子どもを預かってくれる場所はありますか",
      "お金を出してもらえる制度を知りたい",
      "誰でも参加できる講座ってある？",
      // A statement of what the resident can do, not a question.
      "週末なら車を出せます。運転を手伝えます。",
      // Asking to be told is asked about its object, which the rest of the engine judges.
      "防災訓練の日程を教えてください",
      "詳しく調べてもらえますか",
      "",
    ])
      expect([head, readAct(head)]).toEqual([head, null]);
  });
});

describe("answering an act only when a best program offers it", () => {
  const texts: Record<string, string> = {
    salon: "高齢者サロン 地域の集会所で体操と交流会を開く",
    desk: "子育て相談会 保健師が育児の相談を受ける",
    tour: "田んぼ体験ツアー 親子で田植えと稲刈りを体験する",
    grant: "地域活動助成金 町内会の行事に助成する",
  };
  const things = (text: string) =>
    ["騒音", "育児", "田植え", "行事", "町内会", "冷蔵庫", "体操"]
      .filter((w) => text.includes(w))
      .map((w) => ({ text: w, labels: [w] }));
  const reader = createActReader(
    (id) => texts[id],
    things,
    (text, word) => text.includes(word),
    ASKED_ACT_TOPICS,
    Object.keys(texts),
  );
  const ask = (head: string, best: string[], asked = head, context: string[] = []) =>
    reader({ head, asked, context }, best);

  it("refuses a service no program does, and a consultation on a thing no program names", () => {
    expect(ask("古い冷蔵庫を引き取ってもらえますか", ["salon", "grant"])).toBe(ASKED_ACT_TOPICS.service);
    // The asking clause names no thing: the clause before says what it is about.
    expect(ask("区役所に相談できますか", ["desk"], "夜中の騒音がひどいです。 区役所に相談できますか")).toBe(
      ASKED_ACT_TOPICS.service,
    );
    expect(ask("公園で花火してもいいですか", ["tour"])).toBe(ASKED_ACT_TOPICS.rule);
    expect(ask("町内会に入らないといけないんですか", ["grant"])).toBe(ASKED_ACT_TOPICS.rule);
    // A staff action on someone else, asked of the ward office: the clause before says about what.
    for (const head of ["区役所から注意してもらうことはできますか", "市から注意してもらえますか"])
      expect(ask(head, ["salon", "grant"], `隣の騒音がひどいです。 ${head}`)).toBe(ASKED_ACT_TOPICS.service);
  });

  it("answers when a best program does the action on the thing, or the thing is its own activity", () => {
    expect(ask("育児のことを相談できますか", ["desk"])).toBeNull();
    expect(ask("田植えを体験させてもらえますか", ["tour"])).toBeNull();
    // 行事 is what the grant is for, whatever verb the resident uses (手伝う for 助成).
    expect(ask("町内会の行事を手伝ってもらえますか", ["grant"])).toBeNull();
    // An action some program does, on a thing the catalogue names: the ranking decides.
    expect(ask("体操に相談できますか", ["tour"])).toBeNull();
  });

  it("reads a one-kanji noun marked before the action as the thing acted on, not the clauses before", () => {
    // そういう会: the gathering the clause before describes, named by a program (交流会).
    const reunion = "昔の仲間と年に一度集まりたいです。 そういう会を応援してもらえますか";
    expect(ask("そういう会を応援してもらえますか", ["salon"], reunion)).toBeNull();
    // The same form on a thing no program names is still a service of another desk.
    const wall = "家の壁が壊れました。 その壁を直してもらえますか";
    expect(ask("その壁を直してもらえますか", ["salon"], wall)).toBe(ASKED_ACT_TOPICS.service);
  });
});

describe("the engine refuses near misses by their act and answers their answerable twins", () => {
  const engine = loadSearchEngine();
  const topic = (q: string) => {
    const d = engine.search(q).decision;
    return d.kind === "refuse" ? (d.outOfScope ?? d.reason) : d.kind;
  };

  it("refuses a service, a leave or a rule the catalogue does not give, saying which", () => {
    expect(topic("上の部屋のピアノの音がうるさいです。市に相談できますか")).toBe(ASKED_ACT_TOPICS.service);
    expect(topic("古い家具を処分してもらえますか")).toBe(ASKED_ACT_TOPICS.service);
    expect(topic("壊れたエアコンを引き取ってもらえますか")).toBe(ASKED_ACT_TOPICS.service);
    expect(topic("河川敷でたき火をしてもいいですか")).toBe(ASKED_ACT_TOPICS.rule);
    expect(topic("Koen de hanabi shitemo ii desu ka")).toBe(ASKED_ACT_TOPICS.rule);
    expect(topic("自治会の班長は必ずやらないといけないんですか")).toBe(ASKED_ACT_TOPICS.rule);
    // The same rule asked in 熊本弁: 〜んといかん, 〜なんと, 〜にゃん are read as "must".
    expect(topic("子ども会の役員は受けんといかんとですか")).toBe(ASKED_ACT_TOPICS.rule);
    expect(topic("町内の清掃には必ず出らなんとですか")).toBe(ASKED_ACT_TOPICS.rule);
    expect(topic("町内会の会費ば払わにゃんと？")).toBe(ASKED_ACT_TOPICS.rule);
  });

  it("reads whether one can receive a thing, in Japanese and in romaji read as kana", () => {
    expect(readAct("乾電池は公民館で無料でもらえますか")).toMatchObject({
      kind: "receive",
      object: "乾電池は",
    });
    // Where to get what the clauses before named is the ranking's question, not an act on a thing.
    expect(readAct("どこで もらえますか")).toBeNull();
    // A request (te-form) stays a request.
    expect(readAct("写真を送ってもらえますか")).toMatchObject({ kind: "request" });
    // Goods no program names are refused; the same verb for a thing programs give is answered.
    expect(topic("懐中電灯は区役所でただでもらえますか")).toBe(ASKED_ACT_TOPICS.service);
    expect(topic("Kaichuudentou wa shiyakusho de muryou de moraemasu ka?")).toBe(ASKED_ACT_TOPICS.service);
    for (const q of ["校区の防災活動の助成金はもらえますか", "Bousai katsudou no joseikin wa moraemasu ka?"])
      expect([q, topic(q)]).not.toContainEqual(expect.stringMatching(/refuse|サービス|きまり|no-match/));
  });

  it("reads receiving from who gives it (〜から もらえますか) and asked as possible (〜を いただく ことは できますか)", () => {
    // Written for this test: who gives the thing is marked by から before the verb, and receiving
    // may be nominalised and asked as possible, as requests are.
    for (const [head, object] of [
      ["非常用の発電機を区からいただくことは可能ですか", "非常用の発電機を"],
      ["乾パンを 市から もらう ことは できますか", "乾パンを"],
      ["防災の冊子は区からもらえますか", "防災の冊子は"],
    ] as const)
      expect([head, readAct(head)]).toEqual([head, expect.objectContaining({ kind: "receive", object })]);
    // From when (何歳から) is no giver: an age asked stays the age's question.
    expect(readAct("お祝い金は何歳からいただけるのでしょうか")).toBeNull();
    // Goods no program's text names refused; a thing programs give (a booklet, a grant) answered.
    expect(topic("非常用の発電機を区からいただくことは可能ですか")).toBe(ASKED_ACT_TOPICS.service);
    expect(topic("防災用の乾パンを区からもらうことはできますか")).toBe(ASKED_ACT_TOPICS.service);
    for (const q of [
      "防災の冊子を区からいただくことはできますか",
      "校区の防災訓練の補助金を区からいただくことはできますか",
    ])
      expect([q, topic(q)]).toEqual([q, "answer"]);
    expect(topic("敬老の 日の お祝い金は 何歳から いただけるの でしょうか")).toBe("対象の 年齢");
  });

  it("reads って after a noun as its topic particle (は), not as a verb's te-form", () => {
    // The thing received or acted on is marked by the spoken topic って as by は.
    expect(readAct("乾電池って公民館で無料でもらえますか")).toMatchObject({
      kind: "receive",
      object: "乾電池って",
    });
    expect(readAct("公民館の和室ってスマホで予約できますか")).toMatchObject({
      kind: "ability",
      action: "予約",
      object: "公民館の和室って",
    });
    // A native verb's te-form (one kanji before っ) still says how, not what.
    expect(readAct("荷物を持って参加できますか")).toMatchObject({ kind: "ability", object: "荷物を" });
    expect(topic("乾電池って公民館で無料でもらえますか")).toBe(ASKED_ACT_TOPICS.service);
    expect(topic("公民館の和室ってスマホで予約できますか")).toBe(ASKED_ACT_TOPICS.service);
    // Twins: a thing programs give or make (their phrasings may name it in residents' words:
    // 冊子 for a 防災ブック), and taking part.
    for (const q of [
      "校区の防災活動の助成金って区役所でもらえますか",
      "防災の冊子って区役所でもらえますか",
      "防災の冊子は区役所でもらえますか",
      "見守り活動ってひとりでも参加できますか",
    ])
      expect([q, topic(q)]).not.toContainEqual(expect.stringMatching(/refuse|サービス|きまり|no-match/));
  });

  it("answers taking part and help with what programs do, in the same forms", () => {
    for (const q of [
      "防災訓練に子どもも参加できますか",
      "地域の集まりを手伝ってもらえませんか",
      "子育てサークルの活動を応援してもらえますか",
      "避難所の運営訓練には誰でも参加できますか",
      "まちづくりの話し合いを傍聴できますか",
      "見守りの活動に参加してもいいですか",
    ])
      expect([q, topic(q)]).not.toContainEqual(expect.stringMatching(/refuse|サービス|きまり|no-match/));
  });
});
