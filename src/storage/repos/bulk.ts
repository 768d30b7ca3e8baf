/** @module Bulk import and totals: fast paths for datasets, and sums of incident figures by group. */
import type { ClaimDraft } from '../../domain/claim.js'
import type { IncidentId } from '../../domain/ids.js'
import type { Figure } from '../../domain/incident.js'
import type { ChangeContext } from '../../domain/revision.js'
import type { Category, Measure } from '../../domain/values.js'
import type { IncidentDraft } from './incidents.js'
import type { SourceInput } from './sources.js'

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
