/** A service the asking clause asks for that programs never offer: a live status (issue 11). */
import { describe, expect, it } from "vitest";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { createDetailReader, createServiceReader } from "../../../src/search/asked-service.js";

const vocabulary = loadVocabulary();
const reader = createServiceReader(vocabulary, []);
const asked = (head: string) => reader({ head, asked: head }, []);
const topic = vocabulary.liveStatus!.topic;

/** A message whose asked part is its one asking clause. */
const at = (head: string) => ({ head, asked: head });

describe("asked service", () => {
  it("reads a question for what is open, running or issued right now as a live status", () => {
    for (const head of [
      "今日開いてる避難所はどこですか",
      "今、避難所は開いてますか？",
      "災害ボランティアセンターは今どこで受付してますか",
      "今夜の大雨、うちの地区に避難指示は出とると?",
      "いま 開設されている ところは どこですか",
    ])
      expect([head, asked(head)]).toEqual([head, topic]);
  });

  it("needs both a moment and a state in the asking clause", () => {
    for (const head of [
      // A state without this moment: a program's opening (花のまちカフェ) is the catalogue's.
      "幸田の花のまちカフェって、いつでん開いとると？",
      // A moment without a state, or a compound that names no moment (今年, 今度).
      "今年も防災訓練はありますか",
      "今も見守りは続いてますか",
      "今年の区民まつりは開設されますか",
      // Kana inside other words is no moment (住んでいます, きょうしつ).
      "住んでいます。開設の予定の教室はありますか",
      "きょうしつは開いてますか",
      "",
    ])
      expect([head, asked(head)]).toEqual([head, null]);
  });

  it("reads every clause that asks for a live status, not only the last one", () => {
    // The first question asks what is open now; the second, about one place, names no moment.
    const head = "近くの集会所は開いてますか?";
    const first = "今夜あいている避難所はどこですか?";
    const message = { head, asked: `${first} ${head}`, clauses: [first, head] };
    expect(reader(message, [])).toBe(topic);
    // A moment in the context (a clause that does not ask) still never counts.
    const context = "今夜は雨です。";
    expect(reader({ head, asked: head, clauses: [context, head] }, [])).toBeNull();
  });

  it("reads a procedure as not offered when none of the best programs is one residents apply to", () => {
    const docs = [
      { id: "school", ward: null, name: "校区の魅力発信事業", description: "小学校と連携した交流の場づくり" },
      { id: "grant", ward: null, name: "自治会活動助成金", description: "自治会の活動に助成する" },
    ];
    const reader = createServiceReader(vocabulary, docs);
    const withDocs = (head: string, best: string[]) => reader(at(head), best);
    const topicOf = vocabulary.applications!.topic;
    expect(withDocs("小学校の手続きを教えて", ["school"])).toBe(topicOf);
    // A grant's application is the catalogue's; so is a procedure among the best three.
    expect(withDocs("助成金の申請ってどうすればいいの", ["grant"])).toBeNull();
    expect(withDocs("小学校の手続きを教えて", ["school", "grant"])).toBeNull();
    // No procedure asked: whatever the programs.
    expect(withDocs("小学校で何かありますか", ["school"])).toBeNull();
    // Joining a program is the program's own procedure; the asked part is read, with the clause
    // an asking clause that names nothing borrows.
    expect(
      reader({ head: "手続きは？", asked: "防災訓練に参加したいけど 手続きは？" }, ["school"]),
    ).toBeNull();
    // A procedure only in the context is not asked.
    expect(reader({ head: "交流会はありますか", asked: "交流会はありますか" }, ["school"])).toBeNull();
  });

  it("reads a relation to the thing (buy it, money for oneself, move in, a desk) as not offered unless a best program's own text gives it", () => {
    const docs = [
      { id: "tour", ward: null, name: "農業体験ツアー", description: "朝市と市場を見学する" },
      { id: "shop", ward: null, name: "ふれあい直売会", description: "地元の野菜を販売する" },
      { id: "grant", ward: null, name: "町内会活動助成金", description: "町内会の防災活動に助成する" },
      { id: "tenants", ward: null, name: "復興住宅入居者交流会", description: "入居者同士の交流会を開く" },
      { id: "desk", ward: null, name: "子育て相談会", description: "保健師が育児の相談を受ける" },
    ];
    const reader = createServiceReader(vocabulary, docs);
    const [buy, ownMoney, moveIn, desk, rent, leave] = vocabulary.relations.map((r) => r.topic);
    const ask = (text: string, best: string[]) => reader({ head: text, asked: text }, best);
    // Buying: a field trip to the market sells nothing; a program that sells does.
    expect(ask("朝市で野菜は誰でも買えますか", ["tour"])).toBe(buy);
    expect(ask("朝市で野菜は誰でも買えますか", ["tour", "shop"])).toBeNull();
    // Money for the asker: the groups' grant is not one; a group's own question is the grant's.
    expect(ask("自宅の非常用ライトをそろえたい。個人でも助成してもらえますか", ["grant"])).toBe(ownMoney);
    expect(ask("町内会で非常用ライトをそろえたい。助成してもらえますか", ["grant"])).toBeNull();
    // Moving in: the residents' exchange is for those who live there already.
    expect(ask("復興住宅に入居したいのですが、どこに申し込めば", ["tenants"])).toBe(moveIn);
    expect(ask("復興住宅に入居して一年。交流会はありますか", ["tenants"])).toBeNull();
    // A consultation desk: only a program that holds consultations is one.
    expect(ask("古い倉庫の使い道の相談先はどこ？", ["tour", "grant"])).toBe(desk);
    expect(ask("夜泣きの相談先はどこ？", ["desk", "tour"])).toBeNull();
    // … and only the best one: consultations on child-rearing are no desk for an old shed.
    expect(ask("古い倉庫の使い道の相談先はどこ？", ["tour", "desk"])).toBe(desk);
    // Money for one's own qualification or exam is money for oneself.
    expect(ask("介護福祉士の受験料に使える助成はありますか", ["grant"])).toBe(ownMoney);
    expect(ask("調理師の資格を取りたい。補助はありますか", ["grant"])).toBe(ownMoney);
    // Renting a room: programs held in rooms do not lend them; a program that lends does.
    const lends = {
      id: "lend",
      ward: null,
      name: "防災倉庫の資機材貸出",
      description: "部屋と資機材の貸し出しを行う",
    };
    const withLending = createServiceReader(vocabulary, [...docs, lends]);
    expect(ask("公民館の和室を借りたいのですが、料金は？", ["tour", "grant"])).toBe(rent);
    expect(withLending({ head: "集会室は借りれますか", asked: "集会室は借りれますか" }, ["lend"])).toBeNull();
    // Leaving a group is between the resident and the group.
    expect(ask("子ども会を退会するにはどうすればいいですか", ["grant"])).toBe(leave);
    expect(ask("町内会の役員を辞めたいのですが、誰に言えば", ["grant"])).toBe(leave);
    expect(ask("町内会に入りたいのですが、誰に言えば", ["grant"])).toBeNull();
    // Context never counts: the relation must be in the asked part.
    expect(reader({ head: "交流会はありますか", asked: "交流会はありますか" }, ["tenants"])).toBeNull();
  });

  it("reads a detail no best program's text gives (an age limit, a room's free days) in the clause that asks", () => {
    const docs = [
      { id: "exchange", ward: null, name: "地域交流事業", description: "住民が集う交流会を開く" },
      { id: "seniors", ward: null, name: "いきいき体操", description: "65歳以上の方の体操教室" },
    ];
    const detail = createDetailReader(vocabulary, docs);
    const [age, room] = vocabulary.unheldDetails.map((d) => d.topic);
    expect(detail("子ども医療費の助成は何歳までですか", ["exchange"])).toBe(age);
    expect(detail("なんさいまで もらえますか", ["exchange"])).toBe(age);
    expect(detail("空いている日はどうやって調べますか", ["exchange"])).toBe(room);
    // A best program whose own text gives an age answers an age question.
    expect(detail("体操教室は何歳から参加できますか", ["seniors"])).toBeNull();
    // Only the clause that asks is read; no such detail, nothing.
    expect(detail("交流会はありますか", ["exchange"])).toBeNull();
    expect(detail("", ["exchange"])).toBeNull();
    expect(createDetailReader({ unheldDetails: [] }, docs)("何歳までですか", ["exchange"])).toBeNull();
  });

  it("reads a detail across the spaces of a spaced message and in every asking clause, not only the last", () => {
    const docs = [
      { id: "exchange", ward: null, name: "地域交流事業", description: "住民が集う交流会を開く" },
    ];
    const detail = createDetailReader(vocabulary, docs);
    const topicOf = (cue: string) => vocabulary.unheldDetails.find((d) => d.cues.includes(cue))!.topic;
    const [hours, vacancy, season] = [topicOf("開館時間"), topicOf("空き状況"), topicOf("見頃")];
    // Long polite messages put a space between words: the cue is read across it.
    expect(detail("公民館は 何時から 開いて いますか", ["exchange"])).toBe(hours);
    expect(detail("公民館は何時から開いていますか", ["exchange"])).toBe(hours);
    // The clause that asks the detail need not be the last asking clause (the head).
    expect(detail("子どもと 行きたいです", ["exchange"], ["図書室って 何時から 開いてますか？"])).toBe(hours);
    // Whether there is room, however the clause inflects it; a flower's best time.
    for (const q of [
      "保育園で 空きが ある ところを 知りたい",
      "空きのある 教室は どこ",
      "学童に空きはあると？",
    ])
      expect([q, detail(q, ["exchange"])]).toEqual([q, vacancy]);
    for (const q of ["菜の花は いつ頃が 見頃ですか", "桜の 満開は いつ", "あじさいが 咲く時期を 教えて"])
      expect([q, detail(q, ["exchange"])]).toEqual([q, season]);
    // A person's name or contact (an honorific before it): no program is a person.
    const person = topicOf("さんの電話番号");
    for (const q of ["会長さんの 電話番号を 教えて", "民生委員の 新しい 方の お名前が 知りたい"])
      expect([q, detail(q, ["exchange"])]).toEqual([q, person]);
    // A word that only shares the characters (空き店舗, 咲いとる) asks for no such detail.
    for (const q of ["空き店舗を 使った 取組は ありますか", "花が 咲いとる 公園で 絵を 描く 会は なかね"])
      expect([q, detail(q, ["exchange"])]).toEqual([q, null]);
  });

  it("judges a detail on the best programs that name the thing it is asked of, not on one that only holds the detail's word", () => {
    const docs = [
      { id: "checkup", ward: null, name: "健康プロジェクト", description: "1歳半・3歳児検診時に問診を行う" },
      { id: "grant", ward: null, name: "活動助成", description: "地域の団体の活動に助成する" },
      { id: "kids-grant", ward: null, name: "子ども助成", description: "中学生までの子どもの通院に助成する" },
      { id: "seniors", ward: null, name: "いきいき体操", description: "65歳以上の方の体操教室" },
    ];
    // The engine's reading, reduced: the nouns a text names, in order, each spelt as written.
    const nouns = ["子ども", "通院", "助成", "補助", "習い事", "体操", "教室", "高齢者"];
    const thingsOf = (text: string) =>
      nouns
        .filter((n) => text.includes(n))
        .sort((a, b) => text.indexOf(a) - text.indexOf(b))
        .map((n) => ({ text: n, labels: [n] }));
    const detail = createDetailReader(vocabulary, docs, thingsOf);
    const age = vocabulary.unheldDetails[0]!.topic;
    // An age asked of a grant: a check-up's 歳 and a grant that gives no age answer nothing.
    for (const q of [
      "子どもの通院の助成は何歳までですか",
      "子どもの習い事の補助は何歳までですか",
      "助成は何才から？",
    ])
      expect(detail(q, ["checkup", "grant"])).toBe(age);
    // A best program that names the thing and gives an age answers it.
    expect(detail("子どもの通院の助成は何歳までですか", ["checkup", "kids-grant"])).toBeNull();
    expect(detail("高齢者の体操教室は何歳から参加できますか", ["checkup", "seniors"])).toBeNull();
    // No thing named in the clause: any best program that gives the detail answers it.
    expect(detail("何歳から参加できますか", ["checkup"])).toBeNull();
  });

  it("never refuses without the vocabulary's cues", () => {
    expect(
      createServiceReader({ procedureWords: [] }, [])(at("今日開いてる避難所はどこですか"), []),
    ).toBeNull();
  });
});

describe("programs' own texts are read on first need (issue 14, cold start)", () => {
  /** Programs whose description counts its reads. */
  function counted(): {
    docs: { id: string; ward: null; name: string; description: string }[];
    reads: () => number;
  } {
    let reads = 0;
    const docs = [
      { id: "grant", name: "自治会活動助成金", description: "自治会の活動に助成する" },
      { id: "class", name: "防災訓練", description: "地域の防災訓練" },
    ].map((d) => {
      const doc = { id: d.id, ward: null, name: d.name, description: "" };
      Object.defineProperty(doc, "description", {
        enumerable: true,
        get: () => {
          reads += 1;
          return d.description;
        },
      });
      return doc;
    });
    return { docs, reads: () => reads };
  }

  it("building the readers and answering a question that names no procedure, relation or detail reads none", () => {
    const { docs, reads } = counted();
    const service = createServiceReader(vocabulary, docs);
    const detail = createDetailReader(vocabulary, docs);
    expect(service(at("防災訓練はありますか"), ["class"])).toBeNull();
    expect(detail("防災訓練はありますか", ["class"])).toBeNull();
    expect(reads()).toBe(0);
    // A procedure asked: the texts are read then, once.
    expect(service(at("助成金の申請ってどうすればいいの"), ["grant"])).toBeNull();
    const once = reads();
    expect(once).toBe(docs.length);
    expect(service(at("防災訓練の申請は？"), ["class"])).toBe(vocabulary.applications!.topic);
    expect(reads()).toBe(once);
  });
});
