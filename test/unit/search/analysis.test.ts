/** Reading a message as a person does: clauses, the asked part, context, small talk, scripts (issue 11). */
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import {
  adjectiveForms,
  createMessageReader,
  humbleForms,
  requestForms,
} from "../../../src/search/analysis.js";

const read = createMessageReader(loadVocabulary(), loadGazetteer());

describe("message analysis", () => {
  it("splits sentences and finds the asking part; the rest is context", () => {
    const a = read("車の運転をやめました。南区でウォーキングの催しはありますか");
    expect(a.clauses).toEqual(["車の運転をやめました。", "南区でウォーキングの催しはありますか"]);
    expect(a.asked).toBe("南区でウォーキングの催しはありますか");
    expect(a.context).toEqual(["車の運転をやめました。"]);
    expect([a.ward, a.wardSource]).toEqual(["南区", "query"]);
    expect(a.smallTalk).toBeNull();
  });

  it("reads a quotation as one piece of its sentence, whatever marks it holds", () => {
    const quoted = read("回覧板に『ごみを減らそう！』という講座があると書いてありました。参加できますか？");
    expect(quoted.clauses[0]).toBe("回覧板に『ごみを減らそう!』という講座があると書いてありました。");
    const spoken = read("母が「どこに逃げればいいの？」と心配しています。防災の講座はありますか");
    expect(spoken.context).toEqual(["母が「どこに逃げればいいの?」と心配しています。"]);
    expect(spoken.asked).toBe("防災の講座はありますか");
    // A bracket never closed ends nothing and hides nothing.
    expect(read("「防災の講座はありますか。子どもも行けますか").clauses).toHaveLength(2);
  });

  it("splits voice input and spaced polite messages at predicate endings and conjunctions", () => {
    const spaced = read("80歳です 南区に住んでいます 何か運動の教室はありますか");
    expect(spaced.clauses).toEqual(["80歳です", "南区に住んでいます", "何か運動の教室はありますか"]);
    expect(spaced.asked).toBe("何か運動の教室はありますか");
    expect(spaced.audiences).toContain("高齢者");

    const voice = read("ごみ出しが大変になってきたけど地域の見守り活動はありますか");
    expect(voice.asked).toBe("地域の見守り活動はありますか");
    expect(voice.context).toEqual(["ごみ出しが大変になってきたけど"]);
    // けん is 熊本弁 "because" only where it ends a word: not in けんこう.
    expect(read("ひがしく けんこう").clauses).toEqual(["ひがしく けんこう"]);
  });

  it("ends a clause at a polite question before a space: a closing or another question after it is its own", () => {
    const closing = read("北区で 子どもと行ける 祭りは ありますでしょうか よろしくお願いいたします");
    expect(closing.clauses).toEqual([
      "北区で 子どもと行ける 祭りは ありますでしょうか",
      "よろしくお願いいたします",
    ]);
    expect(closing.asked).toBe("北区で 子どもと行ける 祭りは ありますでしょうか");
    expect(read("体操の教室は ないですかね 近くで").clauses).toEqual(["体操の教室は ないですかね", "近くで"]);
    const two = read("防災の講座は ありますか 申し込みは どこでしますか");
    expect(two.clauses).toEqual(["防災の講座は ありますか", "申し込みは どこでしますか"]);
    // A か written apart still belongs to its clause (あります か), and a question word's か stays.
    expect(read("ぼうさいの こうざは あります か よろしく").clauses[0]).toBe(
      "ぼうさいの こうざは あります か",
    );
    expect(read("なにか できる ことは ありますか").clauses).toEqual(["なにか できる ことは ありますか"]);
  });

  it("does not cut a sentence before an auxiliary written apart (いるので しょうか, あるので すか)", () => {
    const a = read("まいにち ひとりで おります。ちかくで たいそうの あつまりは やって いるので しょうか。");
    expect(a.head).toBe("ちかくで たいそうの あつまりは やって いるので しょうか。");
    expect(read("こうみんかんで こどもの あそびばは ひらいて いるので すか").clauses).toEqual([
      "こうみんかんで こどもの あそびばは ひらいて いるので すか",
    ]);
    // ので that joins two clauses is still cut.
    expect(read("足が悪いので 近くの体操教室はありますか").head).toBe("近くの体操教室はありますか");
  });

  it("ends a clause at a condition (〜たら, 〜とき): what may happen is context, not what is asked", () => {
    const a = read("停電や断水が起きたら、この子に何を食べさせればいいのか不安です");
    expect(a.context).toEqual(["停電や断水が起きたら"]);
    expect(read("去年の豪雨のとき、避難所を誰が回すのか決まっていません").context).toEqual([
      "去年の豪雨のとき",
    ]);
    // A condition and the いい after it ask for advice in one predicate (〜したら いいですか),
    // however voice input parts them: what the advice is about is asked, not context.
    const advice = read("あの 国民年金 の 書類 は 郵送 したら いいんですか");
    expect(advice.clauses).toEqual(["あの 国民年金 の 書類 は 郵送 したら いいんですか"]);
    expect(advice.context).toEqual([]);
    expect(read("雨が 降ったら 中止 ですか").clauses).toEqual(["雨が 降ったら", "中止 ですか"]);
  });

  it("takes 熊本弁 endings and question marks as asking", () => {
    // 熊本弁 is read as standard Japanese first (dialect.ts): なかと？ asks as ないの？ does.
    expect(read("夫が亡くなったけん一人たい。集まるとこはなかと？").asked).toMatch(/集まるとこはないの\?$/u);
    expect(read("植木で暴力追放の大会ってあると？").asked).toBe("植木で暴力追放の大会ってあるの?");
  });

  it("takes any verb's 〜たい as a wish that asks, but not 熊本弁 たい after a noun", () => {
    // No ask cue lists 申し込みたい or 習いたか: the wish form of any verb asks.
    const a = read("市営住宅に申し込みたいんですが、空きはありますか");
    expect(a.asked).toContain("市営住宅に申し込みたい");
    expect(a.context).toEqual([]);
    // Without the wish both clauses would read as a situation, all asked.
    expect(read("防災の講座に申し込みたいです。80歳です").context).toEqual(["80歳です"]);
    expect(read("公園の掃除ば手伝いたかです。80歳です").context).toEqual(["80歳です"]);
    // うちは飽田たい: 熊本弁 "it is 飽田" after a noun, context, not a wish.
    expect(read("ヨガの教室ば探しとる。うちは飽田たい").context).toEqual(["うちは飽田だよ"]);
  });

  it("reads an asking clause that names nothing as asking about what the clause before it named", () => {
    // 登録したい, 再発行できますか, 聞きたか: only predicates; the thing is in the clause before.
    const pet = read("子犬を飼い始めたので登録したい");
    expect(pet.asked).toBe("子犬を飼い始めたので 登録したい");
    expect(pet.context).toEqual([]);
    expect(read("納付書をなくしました。再発行できますか").asked).toBe(
      "納付書をなくしました。 再発行できますか",
    );
    expect(read("会費の高かけん、なんでか聞きたか").context).toEqual([]);
    // A clause that names its own thing stands alone; the context before it still only adds.
    const walk = read("車の運転をやめました。南区でウォーキングの催しはありますか");
    expect(walk.context).toEqual(["車の運転をやめました。"]);
    // Words that only say "a procedure" or "a program" (手続き, 取組) name no thing either.
    expect(read("運転免許を返納しようと思います。手続きはどこですればいいですか").context).toEqual([]);
    // A clause that is only a question form (どうする？) asks about what was said before it.
    expect(read("じしん の とき どうする？").context).toEqual([]);
    // Kana only (simple Japanese): its nouns cannot be told from endings, so it names them.
    expect(read("マンションに すんで います。となりの ひとと ともだちに なりたい").context).toEqual([
      "マンションに すんで います。",
    ]);
  });

  it("reads an asking clause that names only a relation (登録, 補助金, 相談先) as asking about the clause before it", () => {
    // What is registered, paid for or asked about is what the clause before named.
    expect(read("うさぎを飼うことにしました。登録の手続きはどうすれば？").context).toEqual([]);
    expect(read("屋根の瓦が落ちそうです。補助金はありますか").asked).toBe(
      "屋根の瓦が落ちそうです。 補助金はありますか",
    );
    // An asking clause that names a thing besides the relation stands alone.
    expect(read("うさぎを飼っています。防災訓練の申し込みはどこで？").context).toEqual([
      "うさぎを飼っています。",
    ]);
  });

  it("reads an asking clause that refers back (そういう仕組み, そんな集まり) as asking about the clauses before it", () => {
    const a = read(
      "散歩が日課です。せっかく歩いているので、ついでに子どもの見守りの役に立てたらと思うのですが、何かそういう仕組みはありますか。",
    );
    expect(a.asked).toContain("子どもの見守りの役に立てたら");
    expect(a.asked).toContain("そういう仕組みはありますか");
    // Only back to the nearest clause that names something: earlier context stays context.
    expect(a.context).toEqual(["散歩が日課です。", "せっかく歩いているので"]);
    // A clause that names a thing of its own but refers back (そういう集まり) asks about both.
    const tea = read(
      "ひとり暮らしです。近所の人とお茶を飲みながら話せたらいいなと思っています。南区にもそういう集まりはありますか",
    );
    expect(tea.context).toEqual(["ひとり暮らしです。"]);
    // Without a back reference it stands alone; what came before is context.
    expect(read("散歩が日課です。防犯の講座はありますか").context).toEqual(["散歩が日課です。"]);
  });

  it("reads a described situation with no question as all asked", () => {
    const a = read("災害公営住宅に移ったけど周りに知り合いがいない");
    expect(a.asked).toBe("災害公営住宅に移ったけど 周りに知り合いがいない");
    expect(a.context).toEqual([]);
  });

  it("reads a hope (〜たらいいな, 〜あればと思う, 〜と助かる) as what is asked when no clause asks outright", () => {
    for (const [message, hope] of [
      [
        "毎朝ジョギングをしています。走りながら町の見回りができたらいいなと思って",
        "走りながら町の見回りができたらいいなと思って",
      ],
      [
        "父が施設を出て家に戻りました。昼間に通える集まりがあればと思うのですが。",
        "昼間に通える集まりがあればと思うのですが。",
      ],
      [
        "引っ越したばかりです。近所の人と話せる場所があればうれしいです",
        "近所の人と話せる場所があればうれしいです",
      ],
      [
        "共働きです。料理を教えてくれる人がいれば助かるんだけど",
        "料理を教えてくれる人がいれば助かるんだけど",
      ],
    ] as [string, string][]) {
      const a = read(message);
      expect([message, a.asked]).toEqual([message, hope]);
      expect(a.head).toBe(hope);
    }
    // A condition only imagined (と思うと: "when I think of it") is no hope.
    expect(read("また台風が来たらと思うと心配です。町内会は何もしていない").context).toEqual([]);
    // A clause that asks outright is what is asked; a hope beside it is context.
    const both = read("近所の方が声をかけてくれたらと思うのですが、区で見守りの活動はありますか");
    expect(both.head).toBe("区で見守りの活動はありますか");
  });

  it("finds the ward through a place and the audiences the message names", () => {
    const a = read("秋津に住む70代です。孫と行けるイベントはありますか");
    expect([a.ward, a.wardSource, a.place]).toEqual(["東区", "place", "秋津"]);
    expect(a.audiences).toEqual(expect.arrayContaining(["高齢者", "子ども"]));
    // 子ども is named in the asked part, 高齢者 only in the context.
    expect(a.contextAudiences).toEqual(["高齢者"]);
  });

  it("recognises small talk of every kind, and only when nothing else is said", () => {
    const cases: [string, string][] = [
      ["ありがとう！助かったよ", "thanks"],
      ["おはようございます 今日はいい天気ですね", "greeting"],
      ["👍", "emoji"],
      ["はい", "yes"],
      ["いいえ", "no"],
      ["今日は暑かですね", "weather"],
      ["またね", "farewell"],
      ["了解です", "ack"],
      ["元気ですか？", "chat"],
      ["Thank you so much!", "thanks"],
      ["ありがとう👍", "thanks"],
      // Shape, not phrases: 熊本弁 and inflected adjectives are generated from dictionary forms.
      ["今日はぬっかね〜", "weather"],
      ["寒かったですね", "weather"],
      ["雪のひどかね", "weather"],
      ["涼しくてよかね", "weather"],
      // A closing phrase and a bare verb form (聞きます) name nothing.
      ["また今度聞きます", "farewell"],
      ["雨がひどかですね。気をつけてください", "weather"],
      ["テスト", "chat"],
      ["テストです", "chat"],
      // A question back at the bot (そっちは, そちらは) names only the one it is asked of.
      ["雨すごいですね、そっちは大丈夫？", "weather"],
      ["お疲れ様です。今日も暑いですね。そちらは大丈夫ですか？", "greeting"],
      // A wish for the other person in any request form, 熊本弁 imperatives included.
      ["雨のすごかね、気をつけなっせ", "weather"],
      ["寒くなってきましたね。体に気をつけてくださいね", "weather"],
      ["ありがとう、また来週も使います", "thanks"],
      // A one-kanji weather word stands alone before a particle, an ending or 降る in kana.
      ["雨ふりですね", "weather"],
      ["雪やね", "weather"],
      ["風がつよかね", "weather"],
    ];
    for (const [text, kind] of cases) expect([text, read(text).smallTalk]).toEqual([text, kind]);
    for (const text of [
      "こんにちは。防災の講座はありますか",
      "雨の日に子どもと遊べる場所はありますか",
      "何かありますか",
      "hiking",
      "ありがとう。ぼうさい",
      // A clause that asks keeps its verb: a wish is a question, not small talk.
      "ありがとう。行きたい",
      "また今度 防災の講座を聞きます",
      "風邪の予防の教室",
      "テストの勉強会はありますか",
      "そちらで防災の講座はありますか",
      "体に良い料理の教室はありますか",
      // Before other kana it is the first kanji of a word written half in kana: no weather.
      "風しんについて教えてください",
      "雨どいの修理を頼みたい",
    ])
      expect([text, read(text).smallTalk]).toEqual([text, null]);
  });

  it("takes a remark about the conversation beside small talk as small talk, never a need or a question", () => {
    const cases: [string, string][] = [
      // An apology, then a clause that asks nothing and names no thing: a remark, not a question.
      ["すみません、まちがえて送りました", "apology"],
      ["ごめんね、送り直します", "apology"],
      ["ありがとう。また使います", "thanks"],
      // A Latin filler of the writer's language (Tagalog po, romaji ne) names no topic.
      ["Thank you po!", "thanks"],
      ["arigatou ne", "thanks"],
    ];
    for (const [text, kind] of cases) expect([text, read(text).smallTalk]).toEqual([text, kind]);
    for (const text of [
      // A need (寂しい) beside thanks is a situation; a question beside an apology is a question.
      "ありがとう。寂しいです",
      "すみません、防災の講座はありますか",
      "すみません。申し込みたい",
      // A Latin word the bilingual vocabulary knows, or a question, is not a filler.
      "Thank you, where is the festival?",
    ])
      expect([text, read(text).smallTalk]).toEqual([text, null]);
  });

  it("takes a statement of one's own beside small talk as small talk when it says no need, and a need said without asking as a need", () => {
    // Written for this test: remarks about the weather, oneself, the bot, a first use, a feeling,
    // a 熊本弁 send-off — each names things (大阪, 畑, ライン, 洗濯物) but asks and needs nothing.
    const cases: [string, string][] = [
      ["こんばんは。今夜は冷えますね", "greeting"],
      ["ありがとうございました。おかげで安心して眠れそうです", "thanks"],
      ["どうも。きのう大阪から戻ってきました", "greeting"],
      ["おはよう☀ 洗濯物がよう乾くばい", "greeting"],
      ["こんにちは。さっき畑から帰ってきたところです", "greeting"],
      ["了解です。今度の日曜に行ってみます", "ack"],
      ["はじめまして。ラインは 慣れて いません", "greeting"],
      ["お疲れさまです。今日は風が強かですね", "greeting"],
      ["ありがとう！娘にも教えてあげます", "thanks"],
      // The small talk word inside the statement (the shop is quiet; it rains a lot).
      ["今日はよう降るねー", "weather"],
      ["朝から冷えるばい", "weather"],
      ["雨ばっかりで畑も暇です", "weather"],
      // A 熊本弁 send-off: a noun's vowel drawn out for を (気ぃ), がんばんなっせ (= がんばりなさい).
      ["ありがと。体に気ぃつけてね", "thanks"],
      ["わかりました。みなさんも お仕事 がんばんなっせ", "ack"],
      ["ありがとう。がんばってください", "thanks"],
    ];
    for (const [text, kind] of cases) expect([text, read(text).smallTalk]).toEqual([text, kind]);
    // Twins: the same openings with a need said without asking — trouble, lack, want, interest,
    // intention, a plan, hearsay of a thing — or a thing named with no predicate, or a question.
    for (const text of [
      "こんにちは。子どもが外で遊ぶ場所がなくて困ってます",
      "ありがとう。近所に話し相手がいなくて寂しいです",
      "こんばんは。防災の講座",
      "おはようございます。料理教室を探しています",
      "こんにちは。地域の見守り活動に興味があります",
      "ありがとうございます。高齢者のサロンを開こうと思っています",
      "こんにちは。町内会で防災訓練をする予定です",
      "ありがとう。子育てサークルを作りたいと考えています",
      "こんにちは。公民館を使える補助があると聞きました",
      "はじめまして。一人暮らしで知り合いがおらんです",
      "こんにちは。運動する場所が欲しいです",
      "ありがとう。校区の夏祭りの手伝いが足りないです",
      "こんにちは。 こどもの あそびばが ありません",
      "暑いですね。熱中症の講座はありますか",
      "雨の降る日でも子どもが遊べる場所はありますか",
      "ありがとう。娘に教えてあげたいので、子育ての講座はありますか",
      "ありがと。体に気ぃつけて歩ける散歩道を教えて",
      // Hearsay of a thing; an interjection's kana inside words (次回は いつ) is no はい.
      "こんにちは。公園で朝市があるらしいです",
      "ありがとう。次回はいつですか",
    ])
      expect([text, read(text).smallTalk]).toEqual([text, null]);
  });

  it("reads a letter's closing as small talk: spaced polite thanks, a well-wish, a condition before a promise to ask again", () => {
    const cases: [string, string][] = [
      // Spaced polite writing: phrases are read through the spaces between words.
      ["ありがとう ございました。たすかりました。", "thanks"],
      ["どうも ありがとう ございました", "thanks"],
      ["おはよう ございます", "greeting"],
      // A closing wish for the reader's health, said of them or their body, in any request form.
      ["お体 大切に。", "farewell"],
      ["お体を大切にしてください", "farewell"],
      ["くれぐれも ご自愛ください", "farewell"],
      ["体に気を付けてくださいね", "farewell"],
      ["ありがとうございました。どうぞお元気で", "thanks"],
      ["ご健康を大切になさってください。失礼します", "farewell"],
      // A condition before another clause, and a promise to ask again (an auxiliary written apart
      // does not end the clause: お尋ね いたします).
      [
        "どうも ありがとう ございました。\nまた 何か ありましたら\nお尋ね いたします。\nお体 大切に。",
        "thanks",
      ],
      ["ありがとうございました。何かあったら、また聞きます", "thanks"],
      ["ありがとうございました。また何かありましたら、お伺いします", "thanks"],
      ["助かりました。また何かありましたら よろしくお願いします", "thanks"],
    ];
    for (const [text, kind] of cases) expect([text, read(text).smallTalk]).toEqual([text, kind]);
    for (const text of [
      // A wish that names a program's thing, a condition that asks (a question word), a
      // condition that ends the message (a hope left unfinished), a request after the condition.
      "体を大切にする教室はありますか",
      "お体を大切にするための講座",
      "ありがとうございました。どこに相談すれば…",
      "ありがとう。話を聞いてもらえたら…",
      "ありがとうございます。何かありましたら教えてください",
      "ありがとう。大切に使える公民館はありますか",
    ])
      expect([text, read(text).smallTalk]).toEqual([text, null]);
  });

  it("reads romaji as kana and English topic words as the catalogue's words", () => {
    const romaji = read("bousai no kouza wa arimasu ka");
    expect(romaji.language).toBe("romaji");
    expect(romaji.readable).toBe("ぼうさい の こうざ は あります か。");
    expect(romaji.contextAudiences).toEqual(["外国人"]);
    expect(romaji.audiences).toEqual([]);

    const english = read("Are there any disaster prevention classes in Higashi ward?");
    expect(english.language).toBe("en");
    expect(english.readable).toBe("防災 講座 東区？");
    expect(english.ward).toBe("東区");

    const place = read("I live in Akitsu. I want to join a walking event");
    expect([place.ward, place.place]).toEqual(["東区", "秋津"]);
    expect(place.asked).toBe("ウォーキング イベント？");

    // Japanese with a Latin word stays Japanese.
    expect(read("LINEの使い方を教えて").language).toBe("ja");
  });

  it("reads a name the gazetteer holds as a place, also where Japanese would need a frame", () => {
    // 黒髪 and 花園 are everyday words in Japanese (black hair, a flower garden); named in English
    // or romaji by a resident who lives there, they are the neighbourhoods.
    const english = read(
      "I'm a student at Kumamoto University (Kurokami campus). Any disaster prevention class?",
    );
    expect(english.place).toBe("黒髪");
    expect(english.asked).toBe("防災 講座？");
    expect(read("We live in Hanazono. Is there a festival?").place).toBe("花園");
    const romaji = read("Kurokami ni sunde imasu. Bousai no kouza wa arimasu ka?");
    expect(romaji.place).toBe("黒髪");
    // A name and the place noun after it name one place when the gazetteer holds the whole.
    const station = read("I live near Kumamoto station. What should I do for earthquake?");
    expect([station.place, station.ward]).toEqual(["熊本駅", "西区"]);
    expect(read("I like Kumamoto. What should I do for earthquake?").place).toBeNull();
    // A name the gazetteer does not hold is still dropped.
    expect(read("I'm Sojo, I live in Kumamoto. Any disaster prevention class?").place).toBeNull();
  });

  it("reads a long romaji message word by word, as Japanese written with spaces", () => {
    // Each romaji word stays a word: the lexicon does not cut across the writer's spaces
    // (どうしたらいいか read as どうし + らいい), and the clauses split where the sentences do.
    const long = read(
      "Watashi wa Firipin-jin desu. Jishin no toki doushitara ii ka wakarimasen. Bousai no benkyou dekiru tokoro arimasu ka?",
    );
    expect(long.language).toBe("romaji");
    expect(long.readable).toContain("じしん の とき どうしたら いい か わかりません。");
    // A hyphen parts a word (Firipin-jin), it is not a long-vowel mark.
    expect(long.readable).toContain("ふぃりぴん じん");
    // A sentence-final か written apart belongs to its clause (あります か？ asks).
    expect(long.asked).toContain("ぼうさい の べんきょう できる ところ あります か？");
    expect(read("ぼうさい の べんきょう あります か？").clauses).toEqual([
      "ぼうさい の べんきょう あります か?",
    ]);
  });

  it("reads an English topic word inside a romaji sentence as the catalogue's word", () => {
    const mixed = read("Kita-ku de bousai no class wa arimasu ka");
    expect(mixed.language).toBe("romaji");
    expect(mixed.readable).toContain("講座");
    expect(mixed.ward).toBe("北区");
  });

  it("generates the forms residents write from an adjective's dictionary form", () => {
    expect(adjectiveForms("ぬくい")).toEqual(
      expect.arrayContaining(["ぬくい", "ぬくか", "ぬっか", "ぬくかった"]),
    );
    expect(adjectiveForms("暑い")).toEqual(expect.arrayContaining(["暑か", "暑くて"]));
    // Not adjectives: nouns, interjections of one kana before い.
    expect(adjectiveForms("雨")).toEqual(["雨"]);
    expect(adjectiveForms("はい")).toEqual(["はい"]);
  });

  it("reads a set phrase in する in its humble form in いたす, and colloquial degree words as fillers", () => {
    expect(humbleForms("失礼します")).toEqual(["失礼します", "失礼いたします"]);
    expect(humbleForms("承知しました")).toEqual(["承知しました", "承知いたしました"]);
    // Not a phrase in する (or only its ending): as given.
    expect(humbleForms("ありがとう")).toEqual(["ありがとう"]);
    expect(humbleForms("します")).toEqual(["します"]);
    const cases: [string, string][] = [
      ["失礼いたします", "farewell"],
      ["承知いたしました。ありがとうございます", "ack"],
      ["了解いたしました", "ack"],
      ["感謝いたします。失礼いたしました", "thanks"],
      ["こんばんは。今日はめっちゃ寒いですね", "greeting"],
      ["めちゃくちゃ助かりました！", "thanks"],
      ["おはよう〜 めっちゃ雨ですね☔", "greeting"],
      ["すっごく暑いですね。お疲れ様です", "weather"],
    ];
    for (const [text, kind] of cases) expect([text, read(text).smallTalk]).toEqual([text, kind]);
    // Twins that ask or name a thing are still read as questions.
    for (const text of [
      "失礼いたします。東区の防災訓練はいつですか",
      "承知いたしました。申込みはどこでできますか",
      "こんにちは。めっちゃ暑いけど、子どもが遊べる室内の施設はありますか",
      "めっちゃ寒い日でも参加できる体操教室はありますか",
    ])
      expect([text, read(text).smallTalk]).toEqual([text, null]);
  });

  it("generates the request forms of a wish in its te-form, 熊本弁 imperatives included", () => {
    expect(requestForms("気をつけて")).toEqual(
      expect.arrayContaining(["気をつけてください", "気をつけてね", "気をつけなさい", "気をつけなっせ"]),
    );
    // Not a te-form: as given.
    expect(requestForms("お大事に")).toEqual(["お大事に"]);
  });
});
