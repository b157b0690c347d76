/**
 * The embedded catalogue store. Without `dir` it lives in this process's memory and KEEPS
 * NOTHING ACROSS RESTARTS. With `dir` (beside the file store: `STORE=file:.data/store.jsonl` →
 * `.data/store.catalogue/`) the catalogue is one JSON file, rewritten whole under a lock file
 * (temporary file, fsync, rename: a crash leaves the old or the new file, never a torn one), and
 * every read first checks whether another process changed it, so the CLI and a running server
 * share it. Search indexes are separate files, one per version. Catalogue writes are rare staff
 * actions, so rewriting the file is cheap enough; reads are one `stat` when nothing changed.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { Program } from "../knowledge/schema.js";
import {
  EMPTY_STATE,
  type AuditEntry,
  type CatalogueState,
  type CatalogueStores,
  type CatalogueYear,
  type QuestionResolution,
  type StaffToken,
  type VocabularyAddition,
} from "./catalogue-port.js";

/** Options of {@link createEmbeddedCatalogueStore}. */
export interface EmbeddedCatalogueOptions {
  /** Folder shared by every process using it; omit for a volatile in-process store. */
  dir?: string;
  /** How long to wait for another process's lock (default 10 s). */
  lockTimeoutMs?: number;
}

interface Db {
  format: "kumamoto-catalogue";
  version: 1;
  state: CatalogueState;
  years: Record<string, CatalogueYear>;
  programs: Record<string, Program>;
  vocabulary: VocabularyAddition[];
  resolutions: Record<string, QuestionResolution>;
  tokens: Record<string, StaffToken>;
  audit: AuditEntry[];
}

const emptyDb = (): Db => ({
  format: "kumamoto-catalogue",
  version: 1,
  state: { ...EMPTY_STATE },
  years: {},
  programs: {},
  vocabulary: [],
  resolutions: {},
  tokens: {},
  audit: [],
});

const clone = <T>(v: T): T => structuredClone(v);
const INDEX_FILE = /^search-index-([A-Za-z0-9_-]+)\.json$/;
const sleepSync = (ms: number): void =>
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms) as never;

/** The catalogue folder that belongs to a file store's journal path. */
export function catalogueDirFor(storeFile: string): string {
  return `${storeFile.replace(/\.jsonl?$/, "")}.catalogue`;
}

/** Creates the embedded catalogue store (volatile, or shared through `dir`). */
export function createEmbeddedCatalogueStore(options: EmbeddedCatalogueOptions = {}): CatalogueStores {
  const { dir, lockTimeoutMs = 10_000 } = options;
  let db = emptyDb();
  const indexes = new Map<string, string>();
  let seen: { mtimeMs: number; size: number; ino: number } | null = null;
  const file = dir ? join(dir, "catalogue.json") : null;
  if (dir) mkdirSync(dir, { recursive: true });

  /** Re-reads the file when another process changed it. */
  function load(): Db {
    if (!file) return db;
    let st;
    try {
      st = statSync(file);
    } catch {
      return db;
    }
    // Every write renames a new file into place, so the inode tells a change even within one millisecond.
    if (seen && seen.ino === st.ino && seen.mtimeMs === st.mtimeMs && seen.size === st.size) return db;
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Db;
    if (parsed.format !== "kumamoto-catalogue")
      throw new Error(`${file} is not a catalogue file; move it away or point STORE elsewhere`);
    db = parsed;
    seen = { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino };
    return db;
  }

  function withLock<T>(fn: () => T): T {
    if (!dir) return fn();
    const lock = join(dir, "catalogue.lock");
    const deadline = Date.now() + lockTimeoutMs;
    for (;;) {
      try {
        closeSync(openSync(lock, "wx"));
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        if (Date.now() > deadline)
          throw new Error(
            `catalogue lock ${lock} held for over ${lockTimeoutMs} ms; remove it if no process runs`,
          );
        sleepSync(20);
      }
    }
    try {
      return fn();
    } finally {
      unlinkSync(lock);
    }
  }

  function writeAtomic(path: string, text: string): void {
    const tmp = `${path}.${process.pid}.tmp`;
    const fd = openSync(tmp, "w");
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  }

  /** Applies a change to a fresh copy and persists it; the in-memory copy changes only on success. */
  function mutate<T>(fn: (d: Db) => T): T {
    return withLock(() => {
      const next = clone(load());
      const result = fn(next);
      if (file) {
        writeAtomic(file, JSON.stringify(next));
        const st = statSync(file);
        seen = { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino };
      }
      db = next;
      return result;
    });
  }

  const indexPath = (version: string): string => {
    if (!/^[A-Za-z0-9_-]+$/.test(version)) throw new Error(`bad index version ${version}`);
    return join(dir!, `search-index-${version}.json`);
  };

  return {
    kind: dir ? `file:${dir}` : "memory (volatile)",
    async close() {},

    async getState() {
      return clone(load().state);
    },
    async updateState(patch, now, expectedRevision) {
      return mutate((d) => {
        if (expectedRevision !== null && d.state.revision !== expectedRevision) return null;
        d.state = { ...d.state, ...patch, revision: d.state.revision + 1, changedAt: now };
        return clone(d.state);
      });
    },

    async listYears() {
      return Object.values(load().years)
        .sort((a, b) => a.year - b.year)
        .map(clone);
    },
    async getYear(year) {
      const y = load().years[String(year)];
      return y ? clone(y) : null;
    },
    async replaceYear(year, programs) {
      mutate((d) => {
        for (const [id, p] of Object.entries(d.programs))
          if (p.fiscalYear === year.year) delete d.programs[id];
        for (const p of programs) d.programs[p.id] = clone(p);
        d.years[String(year.year)] = clone(year);
      });
    },
    async listPrograms(year) {
      return Object.values(load().programs)
        .filter((p) => p.fiscalYear === year)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map(clone);
    },
    async getProgram(id) {
      const p = load().programs[id];
      return p ? clone(p) : null;
    },
    async updateProgram(program, expectedUpdatedAt) {
      return mutate((d) => {
        const stored = d.programs[program.id];
        if (!stored || stored.updatedAt !== expectedUpdatedAt) return false;
        d.programs[program.id] = clone(program);
        return true;
      });
    },

    async putSearchIndex(version, payload) {
      if (!dir) {
        indexes.set(version, payload);
        return;
      }
      writeAtomic(indexPath(version), payload);
    },
    async getSearchIndex(version) {
      if (!dir) return indexes.get(version) ?? null;
      try {
        return readFileSync(indexPath(version), "utf8");
      } catch {
        return null;
      }
    },
    async pruneSearchIndexes(keep) {
      if (!dir) {
        for (const v of [...indexes.keys()]) if (!keep.includes(v)) indexes.delete(v);
        return;
      }
      for (const f of readdirSync(dir)) {
        const m = INDEX_FILE.exec(f);
        if (m && !keep.includes(m[1]!)) unlinkSync(join(dir, f));
      }
    },

    async addVocabulary(entry) {
      mutate((d) => {
        d.vocabulary = d.vocabulary.filter((v) => v.id !== entry.id).concat(clone(entry));
      });
    },
    async listVocabulary() {
      return clone(load().vocabulary).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    },
    async removeVocabulary(id) {
      return mutate((d) => {
        const before = d.vocabulary.length;
        d.vocabulary = d.vocabulary.filter((v) => v.id !== id);
        return d.vocabulary.length < before;
      });
    },

    async putResolution(r) {
      mutate((d) => {
        d.resolutions[r.key] = clone(r);
      });
    },
    async listResolutions() {
      return Object.values(load().resolutions)
        .map(clone)
        .sort((a, b) => b.at - a.at);
    },

    async putStaffToken(t) {
      mutate((d) => {
        d.tokens[t.id] = clone(t);
      });
    },
    async findStaffToken(digest) {
      const t = Object.values(load().tokens).find((x) => x.digest === digest);
      return t ? clone(t) : null;
    },
    async listStaffTokens() {
      return Object.values(load().tokens)
        .map(clone)
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    },
    async revokeStaffToken(id, at) {
      return mutate((d) => {
        const t = d.tokens[id];
        if (!t) return false;
        if (t.revokedAt === null) t.revokedAt = at;
        return true;
      });
    },

    async appendAudit(e) {
      mutate((d) => {
        d.audit.push(clone(e));
      });
    },
    async listAudit(limit) {
      return clone(load().audit)
        .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
        .slice(0, limit);
    },
  };
}
