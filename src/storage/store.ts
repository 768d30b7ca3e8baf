/**
 * @module The Store: the one storage interface every layer codes against; SQLite and PostgreSQL implement it.
 *
 * Rules every adapter keeps (the contract suite in store.contract.ts checks them):
 * - every method is async, and every write takes a ChangeContext and writes a Revision (who, when, why, before,
 *   after); nothing is ever deleted, only superseded (claims rejected, incidents merged, tokens revoked);
 * - derived values (incident figures, findings) are replaced without revisions, since they are recomputed from
 *   the recorded facts;
 * - lists return a Page and sort stably (incidents: date, then id; everything else: creation order, then id);
 * - sources are deduplicated by the SHA-256 of their bytes, claims by `claimKey`, so re-running any ingest,
 *   extraction or import adds nothing.
 */
import { createHash } from 'node:crypto'
import type { Claim, ClaimDraft, ClaimEdit, ClaimKeyFields } from '../domain/claim.js'
import { claimKey } from '../domain/claim.js'
import type { LocalDate, Period } from '../domain/dates.js'
import type { Finding } from '../domain/finding.js'
import type { ClaimId, FindingId, IncidentId, SourceId, TokenId, VictimId } from '../domain/ids.js'
import type { Figure, Incident, IncidentNotes } from '../domain/incident.js'
import type { Place } from '../domain/place.js'
import type { ChangeContext, EntityType, Revision } from '../domain/revision.js'
import type { MediaType, Source, SourceMeta, SourceSummary } from '../domain/source.js'
import type { ApiToken } from '../domain/token.js'
import type { Victim, VictimDraft, VictimFields, VictimReview } from '../domain/victim.js'
import type { Category, ClaimStatus, FindingKind, FindingStatus, Grade, IncidentStatus, Measure, Role, Scope } from '../domain/values.js'

/** Largest page any list returns, whatever the caller asks for. */
export const MAX_PAGE_LIMIT = 1000
/** Page size when the caller gives none. */
export const DEFAULT_PAGE_LIMIT = 50

/** Which slice of a list to return. `limit` is clamped to 1..MAX_PAGE_LIMIT, `offset` to ≥ 0. */
export interface PageRequest {
  readonly limit?: number
  readonly offset?: number
}

/** One page of a list, with the total number of matching rows. */
export interface Page<T> {
  readonly items: readonly T[]
  readonly total: number
  readonly limit: number
  readonly offset: number
}

/** Clamps a page request to the limits every adapter applies. */
export function pageBounds(p: PageRequest | undefined): { limit: number; offset: number } {
  const limit = Math.min(MAX_PAGE_LIMIT, Math.max(1, Math.trunc(p?.limit ?? DEFAULT_PAGE_LIMIT)))
  const offset = Math.max(0, Math.trunc(p?.offset ?? 0))
  return { limit, offset }
}

// ---------------------------------------------------------------------------------------------------------------
// Sources

/** A document to store: its bytes' hash and facts, its normalised text, and descriptive metadata. */
export interface SourceInput extends SourceMeta {
  /** SHA-256 of the raw bytes, 64 lowercase hex digits; the source id derives from it (`sourceIdFor`). */
  readonly sha256: string
  readonly text: string
  readonly mediaType: MediaType
  readonly filename: string | null
  readonly byteLength: number
  /** When the bytes were fetched or read; defaults to now. */
  readonly retrievedAt?: string
  /** A dataset row's own id in its dataset (shown with the source); null or absent for documents. */
  readonly externalId?: string | null
  /**
   * What full-text search covers when not the whole text: a dataset row's prose (notes, names, places), not its codes
   * and numbers. Null or absent: the whole text.
   */
  readonly searchText?: string | null
}

/** A full-text search hit: the source listing plus a short highlighted excerpt (matches wrapped in «»). */
export type SourceHit = SourceSummary & { readonly snippet: string }

/** Stored documents. Immutable once stored. */
export interface SourceRepo {
  /** Stores a source, or returns the stored one with `created: false` when the same bytes are already there. */
  add(input: SourceInput, ctx: ChangeContext): Promise<{ source: Source; created: boolean }>
  /** The source with its text, or null. */
  get(id: SourceId): Promise<Source | null>
  /** Summaries (no text, which can be megabytes) of those of these sources that are stored, in no set order. */
  summaries(ids: readonly SourceId[]): Promise<SourceSummary[]>
  /** The source with these bytes, if stored (lets ingest skip re-reading a known file). */
  findBySha256(sha256: string): Promise<SourceSummary | null>
  /** Sources in the order they were stored (then id). */
  list(page?: PageRequest): Promise<Page<SourceSummary>>
  /** Full-text search over title and text (FTS5 / tsvector, English stemming); every word must match. Best first. */
  search(words: string, page?: PageRequest): Promise<Page<SourceHit>>
  count(): Promise<number>
}

// ---------------------------------------------------------------------------------------------------------------
// Claims

/** Which claims to list; every given field must match. */
export interface ClaimFilter {
  readonly sourceId?: SourceId
  /** An incident id, or null for claims linked to no incident (same as `unlinked: true`). */
  readonly incidentId?: IncidentId | null
  /** Claims linked to any of these incidents (a page of them: up to a few thousand ids). */
  readonly incidentIds?: readonly IncidentId[]
  readonly status?: ClaimStatus | readonly ClaimStatus[]
  readonly measure?: Measure
  readonly category?: Category
  readonly scope?: Scope
  readonly unlinked?: boolean
}

/** Options for walking many claims in batches. */
export interface ClaimBatchOptions {
  /** Only claims that count (status not rejected). Default true. */
  readonly countingOnly?: boolean
  readonly scope?: Scope
  readonly measure?: Measure
  /** Claims per batch; default 1000. */
  readonly batchSize?: number
}

/** Casualty claims. Claims are never deleted: rejecting keeps them, out of every count. */
export interface ClaimRepo {
  /**
   * Stores drafts for a source, skipping any whose `claimKey` is already stored for it; returns the stored
   * claim for every draft, in draft order (existing ones as stored). Throws not_found for an unknown source.
   */
  addForSource(sourceId: SourceId, drafts: readonly ClaimDraft[], ctx: ChangeContext): Promise<Claim[]>
  get(id: ClaimId): Promise<Claim | null>
  /** Claims by id, in the order asked (each once), leaving out ids not stored: one read for a page of findings. */
  getMany(ids: readonly ClaimId[]): Promise<Claim[]>
  /** Claims matching the filter, in creation order (then id). */
  list(filter?: ClaimFilter, page?: PageRequest): Promise<Page<Claim>>
  /** Sets the review status; throws not_found. A no-op change writes no revision. */
  setStatus(id: ClaimId, status: ClaimStatus, ctx: ChangeContext): Promise<Claim>
  /** Applies a validated edit (see domain `claimEdit`); throws not_found. */
  edit(id: ClaimId, edit: ClaimEdit, ctx: ChangeContext): Promise<Claim>
  /**
   * Every matching claim, in storage order, a batch at a time, so checking a million claims never holds them all.
   * Reads a consistent-enough view: claims added while iterating may or may not appear.
   */
  batches(opts?: ClaimBatchOptions): AsyncIterable<readonly Claim[]>
}

// ---------------------------------------------------------------------------------------------------------------
// Incidents

/** What is known of a strike when it is created or edited. Figures are never typed in: they come from claims. */
export interface IncidentDraft {
  readonly date: Period
  readonly place: Place | null
  readonly actor: string | null
  readonly target: string | null
  readonly victims: readonly string[]
  readonly grade: Grade | null
}

/** Fields a person may change on an incident: what it was created with, and the editor's notes. */
export type IncidentPatch = Partial<IncidentDraft & IncidentNotes>

/** Which incidents to list or total; every given field must match. */
export interface IncidentFilter {
  /** Incidents whose date period overlaps [from, to] (either end open). */
  readonly from?: LocalDate
  readonly to?: LocalDate
  /** ISO 3166-1 alpha-2 code of the incident's place. */
  readonly country?: string
  /** Exact actor name, case-insensitive. */
  readonly actor?: string
  /** Incidents with a figure in this category. */
  readonly category?: Category
  /** Incidents graded so (ungraded incidents never match a grade). */
  readonly grade?: Grade
  /**
   * Incidents whose killed figure (in `category` when given, else in any category) can reach at least this many:
   * its high bound, unbounded counting as infinite.
   */
  readonly minCasualties?: number
  /** Default 'active': merged incidents are kept but hidden from lists. */
  readonly status?: IncidentStatus | 'all'
}

/** Incident orderings; ties always break by id. `date` sorts undated incidents last. */
export const INCIDENT_SORTS = ['date', '-date', '-killed'] as const
export type IncidentSort = (typeof INCIDENT_SORTS)[number]

/** Where to look for incidents a claim might belong to. */
export interface CandidateQuery {
  /** The claim's period; incidents overlapping it widened by `days` on each side qualify. */
  readonly date: Period
  /** When given, incidents in another country are left out (incidents with no country still qualify). */
  readonly country?: string | null
  /** Slack in days on each side; default 3. */
  readonly days?: number
  /** Default 50. */
  readonly limit?: number
}

/** Strikes, with figures derived from linked claims. */
export interface IncidentRepo {
  create(draft: IncidentDraft, ctx: ChangeContext): Promise<Incident>
  get(id: IncidentId): Promise<Incident | null>
  list(filter?: IncidentFilter, page?: PageRequest, sort?: IncidentSort): Promise<Page<Incident>>
  /** Changes descriptive fields; throws not_found. */
  update(id: IncidentId, patch: IncidentPatch, ctx: ChangeContext): Promise<Incident>
  /**
   * Links claims to an incident (moving them from wherever they were), or unlinks them with `null`.
   * Writes a revision per moved claim; `reason` is kept on the link. The caller re-reconciles figures of every
   * incident touched (`setFigures`). Throws not_found for an unknown claim or incident.
   */
  link(claimIds: readonly ClaimId[], incidentId: IncidentId | null, reason: string, ctx: ChangeContext): Promise<void>
  /** Replaces the derived figures (and optionally the derived grade) without writing a revision. */
  setFigures(id: IncidentId, figures: readonly Figure[], opts?: { readonly grade?: Grade | null }): Promise<void>
  /**
   * Merges `from` into `into`: moves its claims, marks it merged (kept, pointing at `into`), and returns `into`.
   * The caller re-reconciles `into`. Throws not_found, or conflict when merging an incident into itself or a merged one.
   */
  merge(from: IncidentId, into: IncidentId, ctx: ChangeContext): Promise<Incident>
  /**
   * Undoes a merge: makes `from` active again and moves back the claims its merge moved that still sit in the
   * incident it was merged into. Returns both; the caller re-reconciles them. Throws not_found, or conflict when
   * `from` is not merged or the incident it went into has since been merged itself.
   */
  unmerge(from: IncidentId, ctx: ChangeContext): Promise<{ restored: Incident; from: Incident }>
  /** Active incidents near a date (and country), nearest first, for the linker to choose from. */
  candidates(q: CandidateQuery): Promise<Incident[]>
  /**
   * The sources cited by each incident's claims (rejected claims included), each list in source id order, read in
   * one query for a page of incidents (exports join them into a row per incident). Incidents citing none are absent.
   */
  sourcesOf(ids: readonly IncidentId[]): Promise<Map<IncidentId, SourceSummary[]>>
  /** Every incident matching the filter, as where it is and how many it killed: what a map aggregates, in one read. */
  mapPoints(filter?: IncidentFilter): Promise<MapPoint[]>
}

/** An incident as a map needs it. `killedLow` null: no killed figure; `killedHigh` null with a low: no upper bound. */
export interface MapPoint {
  readonly id: IncidentId
  readonly place: Place | null
  readonly killedLow: number | null
  readonly killedHigh: number | null
}

// ---------------------------------------------------------------------------------------------------------------
// Victims

/** One report's naming of a victim: what extraction found in a claim of a source. */
export interface VictimMentionInput extends VictimDraft {
  readonly claimId: ClaimId
  /** Where the name stands in the source's text (the claim's span when it cannot be placed). */
  readonly span: { readonly start: number; readonly end: number }
}

/** The victim fields an editor changes; absent fields stay as they are. */
export type VictimPatch = Partial<VictimFields>

/**
 * Named victims. A report's naming (a mention) is kept from the moment its source is processed and joins a victim
 * when its claim sits in an incident: the victim of that incident with the same name key (`victimNameKey`), or a new
 * one listed for review (`found`). Mentions follow their claims (linking, merging, splitting, unmerging), so an
 * incident's victims are always named by its own claims, and a victim named by two reports is one victim with two
 * sources. Nothing is deleted: an editor's removal and a merge into another record are statuses.
 */
export interface VictimRepo {
  /** Keeps a source's mentions (each claim's once per name) and settles those whose claims are already linked. */
  addMentions(sourceId: SourceId, mentions: readonly VictimMentionInput[], ctx: ChangeContext): Promise<void>
  /**
   * The victims of an incident, with their sources, in the order recorded: removed and merged records left out, or
   * (with `removed`) removed ones kept, for the incident's history.
   */
  listForIncident(id: IncidentId, opts?: { readonly removed?: boolean }): Promise<Victim[]>
  get(id: VictimId): Promise<Victim | null>
  /**
   * An editor adds a victim to an active incident, accepted, optionally citing a claim of the incident that names
   * them. Throws not_found (incident or claim), or conflict for a merged incident or a claim of another incident.
   */
  add(incidentId: IncidentId, fields: VictimFields, ctx: ChangeContext, cite?: ClaimId | null): Promise<Victim>
  /** Changes fields an editor corrects (a new name gets a new key); throws not_found. A no-op writes no revision. */
  edit(id: VictimId, patch: VictimPatch, ctx: ChangeContext): Promise<Victim>
  /** Accepts or rejects a victim (or lists it for review again); throws not_found. */
  review(id: VictimId, review: VictimReview, ctx: ChangeContext): Promise<Victim>
  /** Removes a victim from its incident's list (kept, marked removed); throws not_found. */
  remove(id: VictimId, ctx: ChangeContext): Promise<Victim>
  /**
   * Victims of active incidents, not rejected or removed, whose name has a word beginning with each word of `words`,
   * compared as name keys (so "Muhammad" finds "Mohammed"); in the order recorded.
   */
  search(words: string, page?: PageRequest): Promise<Page<Victim>>
}

// ---------------------------------------------------------------------------------------------------------------
// Findings, revisions, tokens

/** Which findings to list. */
export interface FindingFilter {
  readonly kind?: FindingKind
  /** Review state: `open` takes findings never reviewed as well as reopened ones. */
  readonly status?: FindingStatus
  readonly measure?: Measure
  readonly category?: Category
  /** Findings involving this claim. */
  readonly claimId?: ClaimId
}

/**
 * Consistency findings: derived, replaced as a whole by each check run. Several processes may check one database at
 * once: each run takes a generation before it reads any claim, and only the latest-begun run's findings are kept.
 */
export interface FindingRepo {
  /**
   * Begins a check run: its generation, higher than that of every run begun before (in any process). Take it before
   * reading the claims the findings come from.
   */
  beginCheck(): Promise<number>
  /**
   * Replaces every stored finding with these, in one transaction serialised with every other replacement, unless
   * a run begun later has already stored its own: then nothing changes and it resolves false.
   */
  replaceAll(findings: readonly Finding[], generation: number): Promise<boolean>
  /** Findings in the order they were given to replaceAll, each with its review state. */
  list(filter?: FindingFilter, page?: PageRequest): Promise<Page<Finding>>
  /**
   * An editor confirms, dismisses or reopens a stored finding, with a reason, recorded as a revision; the review
   * stays with the finding's id (its kind and claims) across later check runs. Throws NotFound for an unknown id.
   */
  review(id: FindingId, status: FindingStatus, ctx: ChangeContext): Promise<Finding>
  /** Of `ids`, the incidents that carry an open finding (one over any of their claims): the list's dispute mark. */
  disputedAmong(ids: readonly IncidentId[]): Promise<Set<IncidentId>>
}

/** Which revisions to list: one entity's history, or (with nothing given) the most recent changes anywhere. */
export interface RevisionQuery {
  readonly entityType?: EntityType
  readonly entityId?: string
  /** Any of these records: one history for an incident and its claims, newest first across all of them. */
  readonly of?: readonly RevisionSubject[]
}

/** One record whose revisions are asked for. */
export interface RevisionSubject {
  readonly entityType: EntityType
  readonly entityId: string
}

/** The change log. Newest first. */
export interface RevisionRepo {
  list(q?: RevisionQuery, page?: PageRequest): Promise<Page<Revision>>
}

/** A newly created token: the secret is returned once here and never stored. */
export interface CreatedToken {
  readonly token: string
  readonly record: ApiToken
}

/** API tokens, stored as SHA-256 hashes of their secrets. */
export interface TokenRepo {
  create(name: string, role: Role, ctx: ChangeContext): Promise<CreatedToken>
  /** The token a secret belongs to, or null when unknown or revoked. */
  verify(secret: string): Promise<ApiToken | null>
  list(): Promise<ApiToken[]>
  /** Revokes a token (kept, never deleted); throws not_found. */
  revoke(id: TokenId, ctx: ChangeContext): Promise<ApiToken>
}

/** A signed-in browser session: who it acts for, its anti-forgery value, and when it ends. */
export interface SignInSession {
  readonly token: ApiToken
  /** Sent back by the app in a header on every write; a cross-site form cannot know it. */
  readonly csrf: string
  readonly createdAt: string
  readonly expiresAt: string
}

/**
 * Browser sessions, each issued for a token and kept as the SHA-256 of its secret (the cookie's value). Sessions are
 * credentials, not recorded facts: starting and ending one writes no revision, as checking a token writes none.
 */
export interface SessionRepo {
  /** Starts a session for a valid token, lasting `ttlMs`; the secret is returned once, here, and never stored. */
  start(tokenId: TokenId, ttlMs: number): Promise<{ secret: string; session: SignInSession }>
  /** The session a secret belongs to, or null when unknown, ended, expired, or its token is revoked. */
  find(secret: string): Promise<SignInSession | null>
  /** Ends a session at once (kept, marked ended); true when one was open. */
  end(secret: string): Promise<boolean>
}

// ---------------------------------------------------------------------------------------------------------------
// Bulk import and totals

/** One dataset row: its source document, the claims it makes, and the incident they describe. */
export interface ImportRecord {
  readonly source: SourceInput
  readonly claims: readonly ClaimDraft[]
  /** The incident the claims describe, or null to leave them unlinked. */
  readonly incident: IncidentDraft | null
  /** Figures for that incident; claim ids in them come from `claimIdFor(sourceIdFor(sha256), draft)`. */
  readonly figures?: readonly Figure[]
  /** Why every claim sits in the incident ("import:acled event 123"). */
  readonly linkReason?: string
  /**
   * The row's key within its dataset ("acled:PAK123", "ucdp-ged:123001", "dronestream:2"). A later record with the
   * same key and other contents is a revision of the row: it supersedes the one stored before it.
   */
  readonly rowKey?: string
}

/** What a bulk import did. Records whose source was already stored are skipped whole. */
export interface ImportSummary {
  readonly sources: number
  readonly claims: number
  readonly incidents: number
  readonly skipped: number
  /** Records that superseded an earlier version of their row (same rowKey, other contents). */
  readonly superseded: number
  /** Incidents whose claims a superseding record changed; the caller re-reconciles their figures. */
  readonly revised: readonly IncidentId[]
  /** The incidents the rows this call stored joined (new, or a re-issued row's): what a matcher looks at, once. */
  readonly linked: readonly IncidentId[]
}

/** Fast paths for dataset imports. */
export interface BulkRepo {
  /**
   * Stores records in one transaction (call it with batches of about 1,000), skipping any whose source sha256 is
   * already stored, so re-running an import adds nothing. Writes one 'import' revision per call, not one per row.
   * A record whose rowKey is already stored with other contents supersedes it: the old source stays, its claims are
   * rejected with a 'supersede' revision each (why: the import's), and the new claims join the old row's incident.
   */
  importRecords(records: readonly ImportRecord[], ctx: ChangeContext): Promise<ImportSummary>
  /**
   * Before a large import: sets aside the indexes that serve incident lists and totals (never the import itself) and,
   * on SQLite, the index of claims by source and full-text indexing of new sources, recording each so it is rebuilt by
   * `restoreIndexes`, or on the next open after a crash. Lists, totals and a source's claims stay correct meanwhile,
   * only slower (a re-issued row has the claims indexes back before it supersedes); search finds sources stored
   * meanwhile only once they are rebuilt. Into an empty SQLite store, called outside a transaction, it also sets
   * aside the unique indexes on source and claim ids: this store then keeps the source ids it stores in memory, and
   * until `restoreIndexes` every other store (connection) refuses to add sources or claims with `conflict`; this
   * store's own writes other than `importRecords` put the id indexes back first. Returns how many were set aside
   * (PostgreSQL sets aside none).
   */
  deferIndexes(): Promise<number>
  /**
   * Rebuilds every index `deferIndexes` set aside in this process, or in one that is gone; returns how many. What a
   * load still running in another process set aside stays aside. Safe to call when none is.
   */
  restoreIndexes(): Promise<number>
}

/**
 * How totals are grouped. Undated incidents group under null for year and month. By month, an incident counts in a
 * month ("2012-03") only when its dates lie within that month; one dated only to a year, or to dates in more than one
 * month, is summed under the year its dates start ("2012"), so year-only reports never pile up in January.
 */
export const TOTAL_GROUPS = ['year', 'month', 'country', 'actor'] as const
export type TotalGroup = (typeof TOTAL_GROUPS)[number]

/** Summed figures of one group, measure and category over active incidents. `high` is null when any is unbounded. */
export interface TotalRow {
  readonly group: string | null
  readonly measure: Measure
  readonly category: Category
  readonly low: number
  readonly high: number | null
  readonly incidents: number
}

// ---------------------------------------------------------------------------------------------------------------
// The store

/** Everything Reckon keeps. */
export interface Store {
  /** 'sqlite' or 'postgres', for messages and benchmarks. */
  readonly kind: 'sqlite' | 'postgres'
  readonly sources: SourceRepo
  readonly claims: ClaimRepo
  readonly incidents: IncidentRepo
  readonly findings: FindingRepo
  readonly revisions: RevisionRepo
  readonly tokens: TokenRepo
  readonly victims: VictimRepo
  readonly sessions: SessionRepo
  readonly bulk: BulkRepo
  /** Sums incident figures by group, measure and category, over incidents matching the filter. */
  totals(groupBy: TotalGroup, filter?: IncidentFilter): Promise<TotalRow[]>
  /**
   * Runs `fn` in one transaction: all its writes commit together or not at all. Use only the `tx` store inside:
   * the outer store would wait for the transaction to end (SQLite: a deadlock) or run outside it (PostgreSQL).
   * Other callers of the outer store wait while a SQLite transaction is open. Nested calls on `tx` join it.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>
  /** The schema version the database is at (the highest applied migration). */
  schemaVersion(): Promise<number>
  /**
   * Builds the list snapshot now (when the store keeps one) instead of on the first list: a server calls it before
   * it accepts requests, which SQL would otherwise answer, slower, until the snapshot is ready.
   */
  warm(): Promise<void>
  /** Releases the connection(s). The store must not be used afterwards. */
  close(): Promise<void>
}

/** Options every adapter accepts when opening. */
export interface OpenOptions {
  /** Apply pending migrations on open (default true). `reckon db migrate` opens with false to report, then migrates. */
  readonly migrate?: boolean
  /**
   * Answer incident lists and totals from an in-memory snapshot of their columns, rebuilt after each change (see
   * sql/list-index.ts). For long-running readers (`reckon serve`); batch commands would only rebuild it needlessly.
   */
  readonly listIndex?: ListIndexMode
}

/** 'background': a stale snapshot is rebuilt while SQL answers; 'inline': the call that finds it stale rebuilds it first (tests). */
export type ListIndexMode = 'off' | 'background' | 'inline'

/** What a migration run did. */
export interface MigrationReport {
  readonly from: number
  readonly to: number
  readonly applied: readonly { readonly version: number; readonly name: string }[]
}

/** The stable id of a claim: the same source and claimKey give the same id in any store. */
export function claimIdFor(sourceId: SourceId, d: ClaimKeyFields): ClaimId {
  return `clm_${createHash('sha256').update(claimKey(sourceId, d)).digest('hex').slice(0, 24)}` as ClaimId
}
