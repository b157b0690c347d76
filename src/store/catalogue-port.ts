/**
 * The catalogue's store port, kept apart from the resident store (port.ts): fiscal years and
 * their programs, the search index versions built from them, the staff's vocabulary additions,
 * the questions staff dealt with, staff tokens and the audit log. Small interfaces per
 * aggregate; the embedded and Firestore adapters pass one contract suite
 * (test/contract/catalogue-store-contract.ts).
 */
import type { Program, Ward } from "../knowledge/schema.js";

/** One fiscal year of the catalogue: its label and the per-ward sheet data (minus programs). */
export interface CatalogueYear {
  year: number;
  /** 和暦, e.g. 「令和3年度」. */
  label: string;
  /** Per ward: the sheet's title and notes, as imported or seeded. */
  wards: Array<{ ward: Ward; source: string; notes: string[] }>;
  programCount: number;
  /** Where the programs came from: 「knowledge/ (seed)」 or the uploaded file's name. */
  source: string;
  importedAt: number;
  importedBy: string;
}

/** What every running instance compares to know whether to reload (one small document). */
export interface CatalogueState {
  /** The year residents are shown; null until a year is seeded or imported. */
  currentYear: number | null;
  /** The search index in use; null means the index committed with the code (FY2020). */
  indexVersion: string | null;
  /** Bumped by every change residents can see (import, edit, vocabulary, index). */
  revision: number;
  changedAt: number;
}

export interface CatalogueStore {
  getState(): Promise<CatalogueState>;
  /**
   * Applies `patch` and increments the revision in one transaction, only if the stored revision
   * is `expectedRevision` (null: any). Returns the new state, or null on a mismatch.
   */
  updateState(
    patch: Partial<Pick<CatalogueState, "currentYear" | "indexVersion">>,
    now: number,
    expectedRevision: number | null,
  ): Promise<CatalogueState | null>;

  listYears(): Promise<CatalogueYear[]>;
  getYear(year: number): Promise<CatalogueYear | null>;
  /** Replaces a year's record and all its programs at once: readers see the old or the new year, never a mix. */
  replaceYear(year: CatalogueYear, programs: Program[]): Promise<void>;
  listPrograms(year: number): Promise<Program[]>;
  getProgram(id: string): Promise<Program | null>;
  /**
   * Writes one program if its stored `updatedAt` equals `expectedUpdatedAt` (optimistic
   * concurrency: two staff editing at once cannot overwrite each other). False on a mismatch
   * or when the program does not exist.
   */
  updateProgram(program: Program, expectedUpdatedAt: number | undefined): Promise<boolean>;
}

/** A built search index, stored as text (Firestore splits it into chunks under the 1 MiB limit). */
export interface SearchIndexStore {
  putSearchIndex(version: string, payload: string): Promise<void>;
  getSearchIndex(version: string): Promise<string | null>;
  /** Deletes every stored version except `keep`. */
  pruneSearchIndexes(keep: string[]): Promise<void>;
}

/** A word staff added from the unanswered list: a synonym of a catalogue word, or an out-of-scope topic. */
export type VocabularyAddition =
  | { id: string; kind: "synonym"; word: string; of: string; by: string; at: number }
  | {
      id: string;
      kind: "out-of-scope";
      topic: string;
      terms: string[];
      where: string;
      by: string;
      at: number;
    };

export interface VocabularyStore {
  addVocabulary(entry: VocabularyAddition): Promise<void>;
  listVocabulary(): Promise<VocabularyAddition[]>;
  removeVocabulary(id: string): Promise<boolean>;
}

/** What staff can do with an unanswered question. */
export const RESOLUTION_ACTIONS = ["also-asked-as", "synonym", "out-of-scope"] as const;

/** How staff dealt with an unanswered question: it leaves the list unless asked again later. */
export interface QuestionResolution {
  /** questionKey(text) of src/store/question-key.ts. */
  key: string;
  text: string;
  action: (typeof RESOLUTION_ACTIONS)[number];
  /** The program, the word or the topic it was attached to. */
  target: string;
  by: string;
  at: number;
}

export interface ResolutionStore {
  putResolution(r: QuestionResolution): Promise<void>;
  listResolutions(): Promise<QuestionResolution[]>;
}

/** A staff token as stored: only its SHA-256 digest, never the token. */
export interface StaffToken {
  id: string;
  /** hex SHA-256 of the token. */
  digest: string;
  /** Who holds it (a name staff recognise in the audit log). */
  name: string;
  /** A ward (edit and send for that ward only) or the whole city. */
  scope: { kind: "city" } | { kind: "ward"; ward: Ward };
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
}

export interface StaffTokenStore {
  putStaffToken(t: StaffToken): Promise<void>;
  findStaffToken(digest: string): Promise<StaffToken | null>;
  listStaffTokens(): Promise<StaffToken[]>;
  /** Marks the token revoked; false when it does not exist. */
  revokeStaffToken(id: string, at: number): Promise<boolean>;
}

/** Every kind of staff action the audit log records. */
export const AUDIT_ACTIONS = [
  "catalogue-seed",
  "catalogue-import",
  "program-edit",
  "vocabulary-add",
  "vocabulary-remove",
  "question-resolve",
  "search-rebuild",
  "notice-confirm",
  "notice-cancel",
  "disaster-mode",
  "token-create",
  "token-revoke",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One audited staff action: who, what, when, and the values before and after. */
export interface AuditEntry {
  id: string;
  at: number;
  /** The staff token's name (or 「CLI」, 「ADMIN_TOKENS」). */
  who: string;
  action: AuditAction;
  /** What it applied to (a program id, a year, a notice id …). */
  target: string;
  /** Ward the action concerned, for ward-scoped reading. */
  ward: Ward | null;
  before: unknown;
  after: unknown;
}

export interface AuditLog {
  appendAudit(e: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(limit: number): Promise<AuditEntry[]>;
}

/** Everything the catalogue side stores, as one adapter. */
export interface CatalogueStores
  extends CatalogueStore, SearchIndexStore, VocabularyStore, ResolutionStore, StaffTokenStore, AuditLog {
  readonly kind: string;
  close(): Promise<void>;
}

/** The state of a store nothing was written to yet. */
export const EMPTY_STATE: CatalogueState = {
  currentYear: null,
  indexVersion: null,
  revision: 0,
  changedAt: 0,
};
