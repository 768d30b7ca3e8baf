/** @module The incidents repository: strikes, their filters, sorts, match candidates and map points. */
import type { LocalDate, Period } from '../../domain/dates.js'
import type { ClaimId, IncidentId } from '../../domain/ids.js'
import type { Figure, Incident, IncidentNotes } from '../../domain/incident.js'
import type { Place } from '../../domain/place.js'
import type { ChangeContext } from '../../domain/revision.js'
import type { SourceSummary } from '../../domain/source.js'
import type { Category, Grade, IncidentStatus } from '../../domain/values.js'
import type { Page, PageRequest } from './page.js'

/** What is known of a strike when it is created or edited. Figures are never typed in: they come from claims. */
export type IncidentDraft = Pick<Incident, 'date' | 'place' | 'actor' | 'target' | 'victims' | 'grade'>

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
  /** Incidents by id, in the order asked (each once), leaving out ids not stored: one read for a batch. */
  getMany(ids: readonly IncidentId[]): Promise<Incident[]>
  list(filter?: IncidentFilter, page?: PageRequest, sort?: IncidentSort): Promise<Page<Incident>>
  /**
   * Changes descriptive fields; throws not_found. An editor's place or date (the default) marks that field set by the
   * editor, and null clears the mark; `{ by: 'claims' }` writes only the place and date not set by an editor.
   */
  update(id: IncidentId, patch: IncidentPatch, ctx: ChangeContext, opts?: { readonly by?: 'editor' | 'claims' }): Promise<Incident>
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
   * For each query, the ids of the incidents `candidates` answers, in its order, read together: a batch of rows
   * near each other in time reads each incident on record once, not once per row near it.
   */
  candidateIds(qs: readonly CandidateQuery[]): Promise<IncidentId[][]>
  /**
   * The extractors of each incident's claims (rejected ones included), each list sorted, in one read for a batch:
   * which datasets an incident holds rows of, before its claims are read. Incidents with no claims are absent.
   */
  extractorsOf(ids: readonly IncidentId[]): Promise<Map<IncidentId, string[]>>
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
