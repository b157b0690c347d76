/**
 * The embedded store's journal file: one JSON record per line after a header, read
 * incrementally by byte offset, appended to under the lock, and compacted by writing a snapshot
 * to a temporary file, fsyncing it and renaming it over the journal — so a crash at any point
 * leaves either the old or the new file, never a torn one.
 */
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { isErrno } from "./file-lock.js";
import { recordProblem, State, type JournalRecord } from "./state.js";
import { StoreDamagedError } from "../store-health.js";

const HEADER = { format: "kumamoto-line-store", version: 1 };

/**
 * What a line that is not a record holds, without its content: a record may carry a LINE
 * user id, and this text reaches logs and the health check.
 */
const describe = (v: unknown): string =>
  v === null
    ? "null"
    : Array.isArray(v)
      ? "an array"
      : typeof v === "object"
        ? "an object without a type"
        : `a ${typeof v}`;
const NEWLINE = 0x0a;
/** The journal file: incremental reads by byte offset, appends, compaction by rename. */
export class Journal {
  private inode: number | null = null;
  private offset = 0;
  private lines = 0;
  /** `lines` when compaction was last considered. */
  private checkedAt = 0;

  constructor(
    readonly path: string,
    private readonly minLines: number,
  ) {}

  /** Applies what was appended since the last call; returns a fresh state if the file was replaced. */
  catchUp(state: State): State {
    let fd: number;
    try {
      fd = openSync(this.path, "r");
    } catch (e) {
      if (!isErrno(e, "ENOENT")) throw e;
      if (this.inode === null) return state;
      this.inode = null; // deleted by hand: start again from nothing
      this.offset = 0;
      this.lines = 0;
      return new State();
    }
    try {
      const st = fstatSync(fd);
      if (st.ino !== this.inode || st.size < this.offset) {
        const fresh = new State();
        fresh.latestNow = state.latestNow;
        state = fresh;
        this.inode = st.ino;
        this.offset = 0;
        this.lines = 0;
        this.checkedAt = 0;
      }
      if (st.size === this.offset) return state;
      const buf = Buffer.allocUnsafe(st.size - this.offset);
      let read = 0;
      while (read < buf.length) {
        const n = readSync(fd, buf, read, buf.length - read, this.offset + read);
        if (n === 0) break;
        read += n;
      }
      // Only whole lines: a writer may be half-way through its append.
      const end = buf.subarray(0, read).lastIndexOf(NEWLINE) + 1;
      if (end === 0) return state;
      const text = buf.toString("utf8", 0, end);
      let lineNo = this.lines;
      for (const line of text.split("\n")) {
        if (line === "") continue;
        lineNo += 1;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          parsed = undefined;
        }
        if (lineNo === 1) {
          const h = parsed as Partial<typeof HEADER> | undefined;
          if (h?.format !== HEADER.format || h.version !== HEADER.version) {
            throw new StoreDamagedError(
              this.path,
              1,
              "not-a-store-file",
              `${this.path} is not a store file of this bot (format ${HEADER.format} v${HEADER.version}); ` +
                `point STORE=file:PATH at a new or existing store file`,
            );
          }
          continue;
        }
        if (parsed === undefined) {
          throw new StoreDamagedError(
            this.path,
            lineNo,
            "not-json",
            `store file ${this.path} line ${lineNo} is not valid JSON; restore it from a backup`,
          );
        }
        // Valid JSON of the wrong shape must be named like a broken line, not crash later.
        if (
          typeof parsed !== "object" ||
          parsed === null ||
          typeof (parsed as { t?: unknown }).t !== "string"
        ) {
          throw new StoreDamagedError(
            this.path,
            lineNo,
            "not-a-record",
            `store file ${this.path} line ${lineNo} is not a store record (${describe(parsed)}); restore it from a backup`,
          );
        }
        const problem = recordProblem(parsed as { t: string } & Record<string, unknown>);
        if (problem !== null)
          throw new StoreDamagedError(
            this.path,
            lineNo,
            "invalid-record",
            `store file ${this.path} line ${lineNo} is not a valid store record (${problem}); ` +
              "restore it from a backup",
          );
        state.apply(parsed as JournalRecord);
      }
      this.offset += Buffer.byteLength(text, "utf8");
      this.lines = lineNo;
      return state;
    } finally {
      closeSync(fd);
    }
  }

  /** Appends records; call with the lock held, right after `catchUp`. */
  append(records: JournalRecord[], state: State): void {
    if (this.inode === null) {
      // First write ever: create the file atomically with its header.
      this.compact(state, records);
      return;
    }
    const fd = openSync(this.path, "r+");
    try {
      // Bytes past the last whole line were left by a writer that crashed mid-append.
      if (fstatSync(fd).size > this.offset) ftruncateSync(fd, this.offset);
      const data = Buffer.from(records.map((r) => JSON.stringify(r)).join("\n") + "\n", "utf8");
      let written = 0;
      while (written < data.length) {
        written += writeSync(fd, data, written, data.length - written, this.offset + written);
      }
      this.offset += data.length;
      this.lines += records.length;
    } finally {
      closeSync(fd);
    }
  }

  /**
   * True when most lines are superseded, so a snapshot would be much smaller. Checked every
   * `minLines / 2` lines only: forgetting expired claims first walks every claim.
   */
  wantsCompaction(state: State): boolean {
    if (this.lines <= this.minLines || this.lines - this.checkedAt < this.minLines / 2) return false;
    this.checkedAt = this.lines;
    state.pruneEvents();
    return this.lines > 2 * state.liveRecords();
  }

  /** Writes `state` (plus `extra` records) to a temporary file, fsyncs it and renames it over the journal. */
  compact(state: State, extra: JournalRecord[] = []): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp-${process.pid}-${Date.now()}`;
    const fd = openSync(tmp, "w");
    let lines = 1;
    let offset = 0;
    try {
      const chunk: string[] = [JSON.stringify(HEADER)];
      const flush = (): void => {
        const data = Buffer.from(chunk.join("\n") + "\n", "utf8");
        let written = 0;
        while (written < data.length) written += writeSync(fd, data, written, data.length - written);
        offset += data.length;
        chunk.length = 0;
      };
      for (const r of state.snapshot()) {
        chunk.push(JSON.stringify(r));
        lines += 1;
        if (chunk.length >= 10_000) flush();
      }
      for (const r of extra) {
        chunk.push(JSON.stringify(r));
        lines += 1;
      }
      if (chunk.length > 0) flush();
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      unlinkSync(tmp);
      throw e;
    }
    closeSync(fd);
    renameSync(tmp, this.path);
    const rfd = openSync(this.path, "r");
    try {
      this.inode = fstatSync(rfd).ino;
    } finally {
      closeSync(rfd);
    }
    this.offset = offset;
    this.lines = lines;
    this.checkedAt = 0;
  }
}
