/**
 * The Firestore adapter of the catalogue port (see catalogue-port.ts). Collections, each name
 * prefixed with `prefix`:
 * - `catalogueState/current`: the small document every webhook instance polls (revision, year,
 *   index version). Changed only in transactions.
 * - `catalogueYears/{year}`: the year record and `revision`, the id of its active program set;
 *   `catalogueYears/{year}/sets/{revision}/programs/{id}`: the programs of one set. An import
 *   writes a new set first (in as many commits as it needs), then flips `revision` in one
 *   transaction, so readers see the old year or the new one, never a mix; the old set is then
 *   deleted.
 * - `searchIndexes/{version}` (`chunks`) + `searchIndexes/{version}/chunks/{n}` (`text`): a built
 *   index cut under the 1 MiB document limit; the parent is written last, so a half-written
 *   index is never read.
 * - `catalogueVocabulary/{id}`, `catalogueResolutions/{key}`, `staffTokens/{id}` (`digest`
 *   queried; only the SHA-256 of a token), `auditLog/{id}` (ordered by `at`).
 * Every call has a timeout, as in firestore.ts.
 */
import { randomUUID } from "node:crypto";
import type { CollectionReference, DocumentData, Firestore } from "@google-cloud/firestore";
import type { Program } from "../knowledge/schema.js";
import { EMPTY_STATE, type CatalogueState, type CatalogueStores } from "./catalogue-port.js";
import { callTimeout, documentId, readDocument, type StoredDocument } from "./firestore-common.js";
import {
  AuditDocument,
  CatalogueStateDocument,
  CatalogueYearDocument,
  CatalogueYearRecord,
  ProgramDocument,
  ResolutionDocument,
  SearchIndexChunk,
  SearchIndexDocument,
  StaffTokenDocument,
  VocabularyDocument,
} from "./firestore-documents.js";
import { yearOfProgramId } from "../knowledge/fiscal-year.js";

/** Options of {@link createFirestoreCatalogueStore}. */
export interface FirestoreCatalogueOptions {
  firestore: Firestore;
  prefix?: string;
  timeoutMs?: number;
  /** Terminate the client on `close()`. */
  ownsClient?: boolean;
}

/** Under Firestore's 1 MiB per document, with room for the field name and overhead. */
const CHUNK_CHARS = 200_000;
const WRITES_PER_COMMIT = 400;

/** Firestore drops `undefined` only with ignoreUndefinedProperties; JSON round-trip makes data plain either way. */
const plain = <T>(v: T): DocumentData => JSON.parse(JSON.stringify(v)) as DocumentData;

export function createFirestoreCatalogueStore(options: FirestoreCatalogueOptions): CatalogueStores {
  const db = options.firestore;
  const prefix = options.prefix ?? "";
  const timeoutMs = options.timeoutMs ?? 10_000;
  const col = (name: string): CollectionReference => db.collection(`${prefix}${name}`);
  const stateDoc = col("catalogueState").doc("current");
  const years = col("catalogueYears");
  const indexes = col("searchIndexes");
  const vocabulary = col("catalogueVocabulary");
  const resolutions = col("catalogueResolutions");
  const tokens = col("staffTokens");
  const audit = col("auditLog");
  const programsOf = (year: number, revision: string): CollectionReference =>
    years.doc(String(year)).collection("sets").doc(revision).collection("programs");

  const timed = callTimeout(timeoutMs);

  async function deleteAll(c: CollectionReference): Promise<void> {
    for (;;) {
      const snap = await c.limit(WRITES_PER_COMMIT).get();
      if (snap.empty) return;
      const batch = db.batch();
      for (const d of snap.docs) batch.delete(d.ref);
      await batch.commit();
    }
  }

  /** The id of a year's active program set, from its year document (null: no such year). */
  const revisionOf = (snap: StoredDocument & { exists: boolean }): string | null =>
    snap.exists ? readDocument(CatalogueYearDocument, snap).revision : null;

  async function activeRevision(year: number): Promise<string | null> {
    return revisionOf(await years.doc(String(year)).get());
  }

  const toYear = (doc: StoredDocument) => readDocument(CatalogueYearRecord, doc);
  const toProgram = (doc: StoredDocument): Program => readDocument(ProgramDocument, doc);
  const toState = (snap: StoredDocument & { exists: boolean }): CatalogueState =>
    snap.exists ? readDocument(CatalogueStateDocument, snap) : { ...EMPTY_STATE };

  return {
    kind: "firestore",
    async close() {
      if (options.ownsClient) await db.terminate();
    },

    getState: () =>
      timed("getState", async () => {
        const snap = await stateDoc.get();
        return toState(snap);
      }),
    updateState: (patch, now, expectedRevision) =>
      timed("updateState", () =>
        db.runTransaction(async (tx) => {
          const snap = await tx.get(stateDoc);
          const current = toState(snap);
          if (expectedRevision !== null && current.revision !== expectedRevision) return null;
          const next: CatalogueState = {
            ...current,
            ...patch,
            revision: current.revision + 1,
            changedAt: now,
          };
          tx.set(stateDoc, plain(next));
          return next;
        }),
      ),

    listYears: () =>
      timed("listYears", async () => {
        const snap = await years.get();
        return snap.docs.map(toYear).sort((a, b) => a.year - b.year);
      }),
    getYear: (year) =>
      timed("getYear", async () => {
        const snap = await years.doc(String(year)).get();
        return snap.exists ? toYear(snap) : null;
      }),
    replaceYear: (year, programs) =>
      timed("replaceYear", async () => {
        const revision = randomUUID();
        const target = programsOf(year.year, revision);
        for (let i = 0; i < programs.length; i += WRITES_PER_COMMIT) {
          const batch = db.batch();
          for (const p of programs.slice(i, i + WRITES_PER_COMMIT))
            batch.set(target.doc(documentId(p.id)), plain(p));
          await batch.commit();
        }
        const yearRef = years.doc(String(year.year));
        const old = await db.runTransaction(async (tx) => {
          const snap = await tx.get(yearRef);
          tx.set(yearRef, plain({ ...year, revision }));
          return revisionOf(snap);
        });
        if (old) {
          await deleteAll(programsOf(year.year, old));
          await years.doc(String(year.year)).collection("sets").doc(old).delete();
        }
      }),
    listPrograms: (year) =>
      timed("listPrograms", async () => {
        const revision = await activeRevision(year);
        if (!revision) return [];
        const snap = await programsOf(year, revision).get();
        return snap.docs.map(toProgram).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      }),
    getProgram: (id) =>
      timed("getProgram", async () => {
        const year = yearOfProgramId(id);
        if (year === null) return null;
        const revision = await activeRevision(year);
        if (!revision) return null;
        const snap = await programsOf(year, revision).doc(documentId(id)).get();
        return snap.exists ? toProgram(snap) : null;
      }),
    updateProgram: (program, expectedUpdatedAt) =>
      timed("updateProgram", () =>
        db.runTransaction(async (tx) => {
          const year = yearOfProgramId(program.id);
          if (year === null) return false;
          const revision = revisionOf(await tx.get(years.doc(String(year))));
          if (!revision) return false;
          const ref = programsOf(year, revision).doc(documentId(program.id));
          const snap = await tx.get(ref);
          if (!snap.exists || toProgram(snap).updatedAt !== expectedUpdatedAt) return false;
          tx.set(ref, plain(program));
          return true;
        }),
      ),

    putSearchIndex: (version, payload) =>
      timed("putSearchIndex", async () => {
        const parent = indexes.doc(documentId(version));
        const n = Math.max(1, Math.ceil(payload.length / CHUNK_CHARS));
        for (let i = 0; i < n; i += 1) {
          await parent
            .collection("chunks")
            .doc(String(i).padStart(4, "0"))
            .set({ text: payload.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS) });
        }
        await parent.set({ version, chunks: n, chars: payload.length });
      }),
    getSearchIndex: (version) =>
      timed("getSearchIndex", async () => {
        const parent = indexes.doc(documentId(version));
        const snap = await parent.get();
        if (!snap.exists) return null;
        const { chunks: n, chars } = readDocument(SearchIndexDocument, snap);
        const chunks = await parent.collection("chunks").orderBy("__name__").limit(n).get();
        const text = chunks.docs.map((d) => readDocument(SearchIndexChunk, d).text).join("");
        return text.length === chars ? text : null;
      }),
    pruneSearchIndexes: (keep) =>
      timed("pruneSearchIndexes", async () => {
        const keepIds = new Set(keep.map(documentId));
        const snap = await indexes.get();
        for (const d of snap.docs) {
          if (keepIds.has(d.id)) continue;
          await deleteAll(d.ref.collection("chunks"));
          await d.ref.delete();
        }
      }),

    addVocabulary: (entry) =>
      timed("addVocabulary", async () => {
        await vocabulary.doc(documentId(entry.id)).set(plain(entry));
      }),
    listVocabulary: () =>
      timed("listVocabulary", async () => {
        const snap = await vocabulary.get();
        return snap.docs
          .map((d) => readDocument(VocabularyDocument, d))
          .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
      }),
    removeVocabulary: (id) =>
      timed("removeVocabulary", () =>
        db.runTransaction(async (tx) => {
          const ref = vocabulary.doc(documentId(id));
          const snap = await tx.get(ref);
          if (!snap.exists) return false;
          tx.delete(ref);
          return true;
        }),
      ),

    putResolution: (r) =>
      timed("putResolution", async () => {
        await resolutions.doc(documentId(r.key)).set(plain(r));
      }),
    listResolutions: () =>
      timed("listResolutions", async () => {
        const snap = await resolutions.get();
        return snap.docs.map((d) => readDocument(ResolutionDocument, d)).sort((a, b) => b.at - a.at);
      }),

    putStaffToken: (t) =>
      timed("putStaffToken", async () => {
        await tokens.doc(documentId(t.id)).set(plain(t));
      }),
    findStaffToken: (digest) =>
      timed("findStaffToken", async () => {
        const snap = await tokens.where("digest", "==", digest).limit(1).get();
        const [first] = snap.docs;
        return first === undefined ? null : readDocument(StaffTokenDocument, first);
      }),
    listStaffTokens: () =>
      timed("listStaffTokens", async () => {
        const snap = await tokens.get();
        return snap.docs
          .map((d) => readDocument(StaffTokenDocument, d))
          .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      }),
    revokeStaffToken: (id, at) =>
      timed("revokeStaffToken", () =>
        db.runTransaction(async (tx) => {
          const ref = tokens.doc(documentId(id));
          const snap = await tx.get(ref);
          if (!snap.exists) return false;
          if (readDocument(StaffTokenDocument, snap).revokedAt === null) tx.update(ref, { revokedAt: at });
          return true;
        }),
      ),

    appendAudit: (e) =>
      timed("appendAudit", async () => {
        await audit.doc(documentId(e.id)).set(plain(e));
      }),
    listAudit: (limit) =>
      timed("listAudit", async () => {
        const snap = await audit.orderBy("at", "desc").limit(limit).get();
        return snap.docs.map((d) => readDocument(AuditDocument, d));
      }),
  };
}
