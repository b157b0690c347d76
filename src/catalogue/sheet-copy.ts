/**
 * Japanese text of the catalogue import: validation messages staff read (naming the row and the
 * column, as they see them in Excel) and the status reasons residents read on imported programs.
 */
import { BUDGET_LINES, STATUSES, TOPIC_TAGS } from "../knowledge/schema.js";

export const SHEET_COPY = {
  noHeader: (required: readonly string[]): string =>
    `見出しの行が見つかりません。1行に「${required.join("」「")}」の列名をならべてください。`,
  missingColumn: (row: number, column: string): string =>
    `${row}行目（見出し）: 「${column}」の列がありません。`,
  duplicateColumn: (row: number, column: string): string =>
    `${row}行目（見出し）: 「${column}」の列が2つあります。1つにしてください。`,
  noRows: "事業の行がありません。見出しの行の下に、1行に1つの事業を書いてください。",
  cell: (row: number, column: string, message: string): string => `${row}行目「${column}」: ${message}`,
  required: "空です。入力してください。",
  unknownWard: (value: string, wards: readonly string[]): string =>
    `「${value}」は熊本市の区ではありません（${wards.join("・")}）。`,
  wardNotAllowed: (value: string, ward: string): string =>
    `「${value}」の行は取りこめません。このトークンで取りこめるのは${ward}の行だけです。`,
  unknownLine: (value: string): string => `「${value}」はわかりません（${BUDGET_LINES.join("・")}）。`,
  badAmount: (value: string): string =>
    `「${value}」は金額として読めません。千円単位の整数で書いてください（まだ決まっていなければ空のまま、予算がなければ「―」）。`,
  unknownStatus: (value: string): string => `「${value}」はわかりません（${STATUSES.join("・")}）。`,
  unknownTag: (value: string): string =>
    `「${value}」は分野の一覧にありません（${TOPIC_TAGS.slice(0, 6).join("・")} など）。`,
  badUrl: (value: string): string => `「${value}」は https:// ではじまるアドレスではありません。`,
  badFlag: (value: string): string =>
    `「${value}」はわかりません。新規なら「○」、そうでなければ空にしてください。`,
  duplicateNo: (no: string, other: number): string => `番号「${no}」は ${other}行目と重なっています。`,
  unknownParent: (no: string): string => `親の番号「${no}」の事業が、同じ区・同じ経費区分にありません。`,
  tooLong: (max: number): string => `${max}文字までにしてください。`,
  badFile: "ファイルを読めませんでした。CSV（UTF-8）か Excel（.xlsx）で保存してください。",
  emptyFile: "ファイルが空です。",
  /** Status reasons for imported rows whose sheet gives none (residents read these). */
  reason: {
    予定: (label: string): string => `${label}の 予定です。結果は 決算のあとに 更新します。`,
    実施: (label: string): string => `${label}の 資料に もとづきます。`,
    一部実施: (label: string): string =>
      `${label}の 決算額が 当初予算の 半分未満のため、一部の 実施と しています。`,
    未実施: (label: string): string => `${label}の 決算額が 0円 でした。`,
    予算外: (label: string): string => `${label}の 資料では 予算が ありません。`,
    中止: (label: string): string => `${label}の 資料で 中止と されています。`,
  },
} as const;
