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
import type { ClaimKeyFields } from '../domain/claim.js'
import { claimKey } from '../domain/claim.js'
import type { ClaimId, SourceId } from '../domain/ids.js'
import type { BulkRepo, TotalGroup, TotalRow } from './repos/bulk.js'
import type { ClaimRepo } from './repos/claims.js'
import type { IncidentFilter, IncidentRepo } from './repos/incidents.js'
import type { FindingRepo, RevisionRepo, SessionRepo, TokenRepo } from './repos/records.js'
import type { SourceRepo } from './repos/sources.js'
import type { VictimRepo } from './repos/victims.js'

export * from './repos/page.js'
export * from './repos/sources.js'
export * from './repos/claims.js'
export * from './repos/incidents.js'
export * from './repos/victims.js'
export * from './repos/records.js'
export * from './repos/bulk.js'

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
