/**
 * The file formats of a ward sheet: CSV (UTF-8, with or without BOM; csv-parse) and XLSX (the
 * first worksheet; exceljs) in, XLSX out. Buffers in and out — no file system — so the admin
 * API, the CLI and the tests share it. Cells become plain strings; the sheet's meaning is
 * sheet.ts's business.
 */
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Program } from "../knowledge/schema.js";
import { ALL_COLUMNS, programRow } from "./sheet.js";

export type SheetFormat = "csv" | "xlsx";

/** The format from a file name, or from the bytes (XLSX files are ZIP archives: "PK"). */
export function sheetFormat(fileName: string, bytes: Uint8Array): SheetFormat {
  if (/\.xlsx$/i.test(fileName)) return "xlsx";
  if (/\.csv$/i.test(fileName)) return "csv";
  return bytes[0] === 0x50 && bytes[1] === 0x4b ? "xlsx" : "csv";
}

/** A cell's value as staff see it. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v && typeof v.text === "string") return v.text;
    if ("result" in v) return cellText(v.result);
    if ("hyperlink" in v) return String((v as { hyperlink: string }).hyperlink);
    if ("error" in v) return v.error;
  }
  return "";
}

/** Reads the rows of a CSV or XLSX file; throws an Error with a Japanese message when it cannot. */
export async function readSheet(bytes: Uint8Array, format: SheetFormat): Promise<string[][]> {
  if (format === "csv") {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) cells.push(cellText(row.getCell(c).value));
    rows[n - 1] = cells;
  });
  for (let i = 0; i < rows.length; i += 1) rows[i] ??= [];
  return rows;
}

/** Options of {@link writeSheet}. */
export interface WriteSheetOptions {
  /** A line above the header (e.g. 「サンプルデータ」 or the year and when it was exported). */
  title: string;
  sheetName: string;
}

/** Writes programs as an XLSX sheet with every column (the import reads it back unchanged). */
export async function writeSheet(programs: readonly Program[], opts: WriteSheetOptions): Promise<Buffer> {
  const byId = new Map(programs.map((p) => [p.id, p]));
  const wb = new ExcelJS.Workbook();
  wb.creator = "熊本市 まちづくり LINE";
  const ws = wb.addWorksheet(opts.sheetName);
  ws.addRow([opts.title]);
  ws.addRow([...ALL_COLUMNS]);
  ws.getRow(2).font = { bold: true };
  for (const p of programs) {
    const r = programRow(p, byId);
    ws.addRow(ALL_COLUMNS.map((c) => r[c]));
  }
  ws.columns.forEach((col, i) => {
    col.width = ["事業名", "事業内容", "状況の理由", "金額の注記"].includes(ALL_COLUMNS[i] ?? "") ? 40 : 14;
  });
  ws.views = [{ state: "frozen", ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
