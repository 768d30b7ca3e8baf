/**
 * @module The Store over SQL, shared by the SQLite and PostgreSQL adapters: it assembles one repository module per
 * part of the store (sources-repo.ts, claims-repo.ts, incidents-repo.ts, findings-repo.ts, revisions-repo.ts,
 * tokens-repo.ts, session-repo.ts, victims-repo.ts, import-repo.ts) over a Scope. What differs between the databases comes in as the Dialect
 * (dialect.ts), which each adapter supplies; nothing here asks which database it is on.
 */
import type { BulkRepo, ClaimRepo, FindingRepo, IncidentFilter, IncidentRepo, RevisionRepo, SessionRepo, SourceRepo, Store, TokenRepo, TotalGroup, TotalRow, VictimRepo } from '../store.js'
import { claimsRepo } from './claims-repo.js'
import type { Dialect } from './dialect.js'
import type { Executor } from './executor.js'
import { findingsRepo } from './findings-repo.js'
import { bulkRepo } from './import-repo.js'
import { incidentTotals } from './incident-totals.js'
import { incidentsRepo } from './incidents-repo.js'
import type { ListIndex } from './list-index.js'
import { revisionsRepo } from './revisions-repo.js'
import { settled, type LoadState, type Scope } from './scope.js'
import { sessionRepo } from './session-repo.js'
import { sourcesRepo } from './sources-repo.js'
import { tokensRepo } from './tokens-repo.js'
import { victimsRepo } from './victims-repo.js'

/** Implements Store over an Executor and a Dialect; each adapter builds one with its own. */
export class SqlStore implements Store {
  readonly sources: SourceRepo
  readonly claims: ClaimRepo
  readonly incidents: IncidentRepo
  readonly findings: FindingRepo
  readonly revisions: RevisionRepo
  readonly tokens: TokenRepo
  readonly sessions: SessionRepo
  readonly victims: VictimRepo
  readonly bulk: BulkRepo
  private readonly scope: Scope

  constructor(
    x: Executor,
    dialect: Dialect,
    private readonly onClose: () => Promise<void>,
    /** The snapshot lists and totals are answered from when it is current; transactions' stores have none. */
    listIndex: ListIndex | null = null,
    /** Shared by a store and the stores of the transactions it opens (see LoadState). */
    load: LoadState = { sourceIds: null, pending: new Set() },
  ) {
    const s: Scope = { x, dialect, listIndex, load }
    this.scope = s
    this.sources = sourcesRepo(s)
    this.claims = claimsRepo(s)
    this.incidents = incidentsRepo(s)
    this.findings = findingsRepo(s)
    this.revisions = revisionsRepo(s)
    this.tokens = tokensRepo(s)
    this.sessions = sessionRepo(s)
    this.victims = victimsRepo(s)
    this.bulk = bulkRepo(s)
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.scope.dialect.name
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    const s = this.scope
    if (s.x.inTransaction) return fn(this)
    // The store of the transaction: same connection, so the same bulk load state.
    return settled(s, (x) => fn(new SqlStore(x, s.dialect, () => Promise.resolve(), null, s.load)))
  }

  async schemaVersion(): Promise<number> {
    const r = await this.scope.x.get('SELECT max(version) AS v FROM schema_migrations')
    return Number(r?.v ?? 0)
  }

  close(): Promise<void> {
    return this.onClose()
  }

  async warm(): Promise<void> {
    await this.scope.listIndex?.ready()
  }

  totals(groupBy: TotalGroup, filter: IncidentFilter = {}): Promise<TotalRow[]> {
    return incidentTotals(this.scope, groupBy, filter)
  }
}
