/**
 * @module The Store over SQL, shared by the SQLite and PostgreSQL adapters.
 *
 * Both dialects accept the same SQL for everything here except full-text search, which branches on
 * `executor.dialect`. Structured values (periods, places, names, figures) are stored as JSON text, with the
 * columns filters need (dates, country, actor) copied out beside them.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Claim, ClaimDraft, ClaimEdit } from '../../domain/claim.js'
import { addDays, type Period } from '../../domain/dates.js'
import { DomainError, NotFound } from '../../domain/errors.js'
import type { Finding } from '../../domain/finding.js'
import type { ClaimId, FindingId, IncidentId, SourceId, TokenId } from '../../domain/ids.js'
import type { Figure, Incident, IncidentLink } from '../../domain/incident.js'
import type { Place } from '../../domain/place.js'
import type { ChangeContext, EntityType, Revision } from '../../domain/revision.js'
import { sourceIdFor, type Source, type SourceSummary } from '../../domain/source.js'
import type { ApiToken } from '../../domain/token.js'
import { CATEGORIES, type Category, type ClaimStatus, type FindingStatus, type Grade, type Role } from '../../domain/values.js'
import {
  claimIdFor,
  pageBounds,
  type BulkRepo,
  type CandidateQuery,
  type ClaimBatchOptions,
  type ClaimFilter,
  type ClaimRepo,
  type CreatedToken,
  type FindingFilter,
  type FindingRepo,
  type ImportRecord,
  type ImportSummary,
  type IncidentDraft,
  type IncidentFilter,
  type IncidentPatch,
  type IncidentRepo,
  type IncidentSort,
  type Page,
  type PageRequest,
  type RevisionQuery,
  type RevisionRepo,
  type SourceHit,
  type SourceInput,
  type SourceRepo,
  type Store,
  type TokenRepo,
  type TotalGroup,
  type TotalRow,
} from '../store.js'
import { restoreSetAsideStatements } from '../migrations.js'
import { DATE_SPAN_LAST, dateSpanClass, earliestStart } from './date-span.js'
import type { Executor, Row, SqlValue } from './executor.js'
import { HashSet } from './hash-set.js'
import { loadOwner, ownerGone } from './load-owner.js'
import type { ListIndex, ListSnapshot } from './list-index.js'
import { cubeAnswers, cubeApply, cubeTotals, FACT_COLUMNS, factFromRow, sortTotals, type FigureFact } from './totals-cube.js'

/** Stands for an unbounded high figure in sort and filter columns (counts never get near it). */
const UNBOUNDED_HIGH = 2_147_483_647
/** Rows per IN (...) list, well under both drivers' parameter limits. */
const IN_CHUNK = 500

const now = (): string => new Date().toISOString()
const json = (v: unknown): string => JSON.stringify(v)
const parse = <T>(v: unknown): T => JSON.parse(String(v)) as T
const str = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v))
const int = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ')

/** Random bytes drawn 4 KiB at a time: a bulk import makes an id per row, and one system call each showed in profiles. */
let pool = Buffer.alloc(0)
let poolAt = 0
function randomHex(bytes: number): string {
  if (poolAt + bytes > pool.length) {
    pool = randomBytes(4096)
    poolAt = 0
  }
  poolAt += bytes
  return pool.toString('hex', poolAt - bytes, poolAt)
}

/** A fresh id with a time prefix, so ids made later sort later (handy in logs and ties). */
function newId(prefix: string): string {
  return `${prefix}${Date.now().toString(36).padStart(9, '0')}${randomHex(6)}`
}

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n))
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// Row mapping

const SUMMARY_COLUMNS = 'id, sha256, kind, publisher, url, title, published, language, media_type, filename, byte_length, text_length, retrieved_at, external_id'

function summaryFromRow(r: Row): SourceSummary {
  return {
    id: String(r.id) as SourceId,
    sha256: String(r.sha256),
    kind: String(r.kind) as Source['kind'],
    publisher: str(r.publisher),
    url: str(r.url),
    title: str(r.title),
    published: str(r.published),
    language: str(r.language),
    mediaType: String(r.media_type) as Source['mediaType'],
    filename: str(r.filename),
    byteLength: Number(r.byte_length),
    textLength: Number(r.text_length),
    retrievedAt: String(r.retrieved_at),
    externalId: str(r.external_id),
  }
}

function sourceFromRow(r: Row): Source {
  const { textLength: _textLength, ...summary } = summaryFromRow(r)
  return { ...summary, text: String(r.text) }
}

/** A stored finding with its review state (open when never reviewed). */
function findingFromRow(r: Row): Finding {
  return { ...parse<Finding>(r.body), status: (str(r.status) ?? 'open') as FindingStatus, reason: str(r.reason) }
}

function claimFromRow(r: Row): Claim {
  return {
    id: String(r.id) as ClaimId,
    sourceId: String(r.source_id) as SourceId,
    measure: String(r.measure) as Claim['measure'],
    category: String(r.category) as Claim['category'],
    min: int(r.min),
    max: int(r.max),
    qualifier: String(r.qualifier) as Claim['qualifier'],
    scope: String(r.scope) as Claim['scope'],
    incidents: int(r.incidents),
    period: parse<Period>(r.period),
    place: r.place === null ? null : parse<Place>(r.place),
    actor: str(r.actor),
    claimant: str(r.claimant),
    quote: String(r.quote),
    span: { start: Number(r.span_start), end: Number(r.span_end) },
    extractor: String(r.extractor),
    eventKey: str(r.event_key),
    names: parse<string[]>(r.names),
    zero: str(r.zero) as Claim['zero'],
    status: String(r.status) as ClaimStatus,
    incidentId: str(r.incident_id) as IncidentId | null,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  }
}

function claimRow(id: ClaimId, sourceId: SourceId, d: ClaimDraft, at: string, link: { incidentId: string; reason: string; by: string } | null): SqlValue[] {
  return [
    id,
    sourceId,
    d.measure,
    d.category,
    d.min,
    d.max,
    d.qualifier,
    d.scope,
    d.incidents,
    d.period.start,
    d.period.end,
    json(d.period),
    d.place === null ? null : json(d.place),
    d.place?.country ?? null,
    d.actor,
    d.claimant,
    d.quote,
    d.span.start,
    d.span.end,
    d.extractor,
    d.eventKey,
    json(d.names),
    'proposed',
    link?.incidentId ?? null,
    link?.reason ?? null,
    link?.by ?? null,
    link === null ? null : at,
    at,
    at,
    d.zero ?? null,
  ]
}
const CLAIM_COLUMNS = [
  'id', 'source_id', 'measure', 'category', 'min', 'max', 'qualifier', 'scope', 'incidents', 'period_start', 'period_end',
  'period', 'place', 'country', 'actor', 'claimant', 'quote', 'span_start', 'span_end', 'extractor', 'event_key', 'names',
  'status', 'incident_id', 'link_reason', 'link_by', 'link_at', 'created_at', 'updated_at', 'zero',
] as const

const SOURCE_COLUMNS = [
  'id', 'sha256', 'kind', 'publisher', 'url', 'title', 'published', 'language', 'media_type', 'filename', 'byte_length',
  'text', 'text_length', 'retrieved_at', 'created_at', 'external_id', 'row_key', 'incident_id', 'search_text',
] as const

function sourceRow(input: SourceInput, at: string, rowKey: string | null = null, incidentId: string | null = null): SqlValue[] {
  return [
    sourceIdFor(input.sha256),
    input.sha256,
    input.kind,
    input.publisher,
    input.url,
    input.title,
    input.published,
    input.language,
    input.mediaType,
    input.filename,
    input.byteLength,
    input.text,
    input.text.length,
    input.retrievedAt ?? at,
    at,
    input.externalId ?? null,
    rowKey,
    incidentId,
    input.searchText ?? null,
  ]
}

const INCIDENT_COLUMNS = [
  'id', 'date_start', 'date_end', 'date', 'place', 'country', 'actor', 'actor_lc', 'target', 'victims', 'grade', 'status',
  'merged_into', 'figures', 'killed_high', 'source_count', 'created_at', 'updated_at', 'date_last', 'categories', 'date_span',
] as const

function incidentRow(id: string, d: IncidentDraft, figures: readonly Figure[], sourceCount: number, at: string): SqlValue[] {
  return [
    id,
    d.date.start,
    d.date.end,
    json(d.date),
    d.place === null ? null : json(d.place),
    d.place?.country ?? null,
    d.actor,
    d.actor?.toLowerCase() ?? null,
    d.target,
    json(d.victims),
    d.grade,
    'active',
    null,
    json(figures),
    killedHigh(figures),
    sourceCount,
    at,
    at,
    d.date.end ?? d.date.start,
    categoryBits(figures),
    dateSpanClass(d.date.start, d.date.end ?? d.date.start),
  ]
}

const FIGURE_COLUMNS = [
  'incident_id', 'measure', 'category', 'min', 'max', 'status', 'date_start', 'date_end', 'date_last', 'country', 'actor', 'actor_lc', 'grade', 'killed_high',
  'category_killed_high',
] as const

/** The incident fields every figure row carries, so totals filter figure rows without joining incidents. */
interface FigureRowIncident {
  readonly status: string
  readonly date: Period
  readonly country: string | null
  readonly actor: string | null
  readonly grade: string | null
}

function figureRows(id: string, figures: readonly Figure[], inc: FigureRowIncident): SqlValue[][] {
  const seen = new Set<string>()
  const rows: SqlValue[][] = []
  const high = killedHigh(figures)
  const byCategory = new Map<string, number | null>(CATEGORIES.map((c) => [c, killedHigh(figures.filter((f) => f.category === c))]))
  for (const f of figures) {
    const key = `${f.measure}|${f.category}`
    if (seen.has(key)) continue
    seen.add(key)
    rows.push([
      id, f.measure, f.category, f.min, f.max, inc.status, inc.date.start, inc.date.end, inc.date.end ?? inc.date.start, inc.country, inc.actor,
      inc.actor?.toLowerCase() ?? null, inc.grade, high, byCategory.get(f.category) ?? null,
    ])
  }
  return rows
}

/** One bit per category an incident has a figure in (bit i for CATEGORIES[i]), for the category filter. */
function categoryBits(figures: readonly Figure[]): number {
  let bits = 0
  for (const f of figures) bits |= categoryBit(f.category)
  return bits
}

function categoryBit(c: Category): number {
  return 2 ** CATEGORIES.indexOf(c)
}

/** The cube fact of a row built by figureRows (columns in FIGURE_COLUMNS order). */
function factFromFigureRow(r: readonly SqlValue[]): FigureFact {
  const [, measure, category, min, max, , dateStart, dateEnd, , country, actor] = r
  return {
    measure: String(measure),
    category: String(category),
    min: min as number | null,
    max: max as number | null,
    dateStart: dateStart as string | null,
    dateEnd: dateEnd as string | null,
    country: country as string | null,
    actor: actor as string | null,
  }
}

/** The highest killed figure an incident can reach, for sorting; null when it has no killed figure. */
function killedHigh(figures: readonly Figure[]): number | null {
  let best: number | null = null
  for (const f of figures) if (f.measure === 'killed') best = Math.max(best ?? 0, f.max ?? UNBOUNDED_HIGH)
  return best
}

function incidentFromRow(r: Row, links: readonly IncidentLink[]): Incident {
  return {
    id: String(r.id) as IncidentId,
    date: parse<Period>(r.date),
    place: r.place === null ? null : parse<Place>(r.place),
    actor: str(r.actor),
    target: str(r.target),
    victims: parse<string[]>(r.victims),
    grade: str(r.grade) as Grade | null,
    status: String(r.status) as Incident['status'],
    mergedInto: str(r.merged_into) as IncidentId | null,
    figures: parse<Figure[]>(r.figures),
    links,
    sourceCount: Number(r.source_count),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  }
}

function tokenFromRow(r: Row): ApiToken {
  return {
    id: String(r.id) as TokenId,
    name: String(r.name),
    role: String(r.role) as Role,
    hash: String(r.hash),
    createdAt: String(r.created_at),
    revokedAt: str(r.revoked_at),
  }
}

/** Words of a search, as FTS5 quoted terms (every term must match; quoting keeps operators literal). */
function fts5Query(words: string): string {
  return (words.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => `"${w}"`).join(' ')
}

/**
 * SQL conditions for an incident filter over `incidents i` or (for totals) `incident_figures i`: both carry the
 * filter columns, so every condition but the per-category casualty threshold is read from index entries.
 */
function incidentWhere(f: IncidentFilter, table: 'incidents' | 'figures'): { sql: string; params: SqlValue[] } {
  const where: string[] = []
  const params: SqlValue[] = []
  const status = f.status ?? 'active'
  if (status !== 'all') {
    where.push('i.status = ?')
    params.push(status)
  }
  if (f.from !== undefined) {
    where.push('i.date_last >= ?')
    params.push(f.from)
  }
  if (f.to !== undefined) {
    where.push('i.date_start <= ?')
    params.push(f.to)
  }
  if (f.country !== undefined) {
    where.push('i.country = ?')
    params.push(f.country)
  }
  if (f.actor !== undefined) {
    where.push('i.actor_lc = ?')
    params.push(f.actor.toLowerCase())
  }
  if (f.grade !== undefined) {
    where.push('i.grade = ?')
    params.push(f.grade)
  }
  if (f.category !== undefined) {
    // A figure row is one category; an incident row has a bit for each category it has a figure in.
    if (table === 'figures') where.push('i.category = ?')
    else where.push('(i.categories & ?) <> 0')
    params.push(table === 'figures' ? f.category : categoryBit(f.category))
  }
  if (f.minCasualties !== undefined) {
    // killed_high is the highest killed figure in any category (unbounded as UNBOUNDED_HIGH): it settles a threshold
    // without a category, and bounds the index range scanned with one.
    where.push('i.killed_high >= ?')
    params.push(f.minCasualties)
    if (f.category !== undefined) {
      // With a category only figure rows can say (their killed high in that category): see incidentSource.
      if (table === 'incidents') throw new DomainError('internal_error', 'a category threshold needs the figure rows')
      where.push('i.category_killed_high >= ?')
      params.push(f.minCasualties)
    }
  }
  return { sql: where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`, params }
}

/** Where the incidents matching a filter are listed from: their rows, or (a casualty threshold in a category) their killed figure rows in that category, one per incident. */
function incidentSource(f: IncidentFilter): { from: string; id: string; where: { sql: string; params: SqlValue[] } } {
  if (f.minCasualties === undefined || f.category === undefined) return { from: 'incidents i', id: 'i.id', where: incidentWhere(f, 'incidents') }
  const w = incidentWhere(f, 'figures')
  return { from: 'incident_figures i', id: 'i.incident_id', where: { sql: `${w.sql === '' ? 'WHERE' : `${w.sql} AND`} i.measure = 'killed'`, params: w.params } }
}

/** ORDER BY for a sort over a source whose incident id column is `id` (figure rows carry the incident's sort keys). */
function orderBy(sort: IncidentSort, id: string): string {
  switch (sort) {
    case 'date':
      return `i.date_start ASC NULLS LAST, ${id} ASC`
    case '-date':
      return `i.date_start DESC NULLS LAST, ${id} DESC`
    case '-killed':
      return `i.killed_high DESC NULLS LAST, i.date_start ASC NULLS LAST, ${id} ASC`
  }
}

const GROUPS: Record<TotalGroup, string> = {
  year: 'substr(i.date_start, 1, 4)',
  // See TOTAL_GROUPS: an incident whose dates leave their first month is summed under its start year, not January.
  month: 'CASE WHEN substr(i.date_start, 1, 7) = substr(i.date_last, 1, 7) THEN substr(i.date_start, 1, 7) ELSE substr(i.date_start, 1, 4) END',
  country: 'i.country',
  actor: 'i.actor',
}

/** The set-aside index superseding a re-issued row needs: it finds the earlier version's claims by source. */
const CLAIMS_BY_SOURCE = 'claims_source'

/**
 * The unique indexes on source and claim ids (migration 8), which a bulk load sets aside only into an empty store:
 * their keys are hashes, so every insert lands at a random place in them, and at a million rows loading without
 * them took 23% less time. Rows stay unique without them: the loading store keeps every source id it stores in
 * memory (LoadState), a claim's id hashes its source's, and any other writer of sources or claims is refused
 * until the load ends (guardIdIndexes), so the indexes always build again.
 */
const SOURCES_ID = 'sources_id'
const CLAIMS_ID = 'claims_id'

/**
 * What one connection's bulk load holds while SOURCES_ID is aside: the source ids it stored (their 24 hex digits),
 * and those stored in the transaction still open, which join them when it commits and are forgotten if it rolls
 * back: a rolled-back row must not be skipped as stored when it comes again.
 */
interface LoadState {
  sourceIds: HashSet | null
  pending: Set<string>
}

/**
 * What a bulk load may set aside and rebuild after: indexes that serve incident lists and totals only, the trigger
 * that adds each source to the full-text index (SQLite's index is rebuilt in one pass at the end), and the index of
 * claims by source. Claims' source ids are hashes, so that index took each batch's inserts at random places; during
 * a load only a re-issued row reads claims by source, and it has the index back first (CLAIMS_BY_SOURCE).
 */
const DEFERRABLE = [
  { type: 'index', name: 'incidents_by_date' }, { type: 'index', name: 'incidents_by_country' },
  { type: 'index', name: 'incidents_by_actor' }, { type: 'index', name: 'incidents_by_killed' },
  { type: 'index', name: 'incidents_by_span' },
  { type: 'index', name: 'incident_figures_by_killed' }, { type: 'index', name: 'incident_figures_by_grade' },
  { type: 'index', name: 'incident_figures_by_category' }, { type: 'index', name: 'incident_figures_start' },
  { type: 'index', name: 'incident_figures_last' }, { type: 'index', name: CLAIMS_BY_SOURCE },
  { type: 'trigger', name: 'sources_fts_insert' },
] as const

// ---------------------------------------------------------------------------------------------------------------
// The store

/** Implements Store over an Executor; each adapter builds one with its own executor. */
export class SqlStore implements Store {
  readonly sources: SourceRepo
  readonly claims: ClaimRepo
  readonly incidents: IncidentRepo
  readonly findings: FindingRepo
  readonly revisions: RevisionRepo
  readonly tokens: TokenRepo
  readonly bulk: BulkRepo

  constructor(
    private readonly x: Executor,
    private readonly onClose: () => Promise<void>,
    /** The snapshot lists and totals are answered from when it is current; transactions' stores have none. */
    private readonly listIndex: ListIndex | null = null,
    /** Shared by a store and the stores of the transactions it opens (see within). */
    private readonly load: LoadState = { sourceIds: null, pending: new Set() },
  ) {
    this.sources = {
      add: (input, ctx) => this.addSource(input, ctx),
      get: async (id) => {
        const r = await this.x.get(`SELECT ${SUMMARY_COLUMNS}, text FROM sources WHERE id = ?`, [id])
        return r === undefined ? null : sourceFromRow(r)
      },
      summaries: async (ids) => {
        const out: SourceSummary[] = []
        for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
          for (const r of await this.x.all(`SELECT ${SUMMARY_COLUMNS} FROM sources WHERE id IN (${marks(part.length)})`, part)) out.push(summaryFromRow(r))
        }
        return out
      },
      findBySha256: async (sha256) => {
        if (!/^[0-9a-f]{64}$/.test(sha256)) return null
        const r = await this.x.get(`SELECT ${SUMMARY_COLUMNS} FROM sources WHERE id = ? AND sha256 = ?`, [sourceIdFor(sha256), sha256])
        return r === undefined ? null : summaryFromRow(r)
      },
      list: async (page) => {
        const { limit, offset } = pageBounds(page)
        const rows = await this.x.all(`SELECT ${SUMMARY_COLUMNS} FROM sources ORDER BY seq LIMIT ? OFFSET ?`, [limit, offset])
        return { items: rows.map(summaryFromRow), total: await this.countSources(), limit, offset }
      },
      search: (words, page) => this.searchSources(words, page),
      count: () => this.countSources(),
    }
    this.claims = {
      addForSource: (sourceId, drafts, ctx) => this.addClaims(sourceId, drafts, ctx),
      get: async (id) => (await this.claimsByIds([id]))[0] ?? null,
      getMany: (ids) => this.claimsByIds([...new Set(ids)]),
      list: (filter, page) => this.listClaims(filter ?? {}, page),
      setStatus: (id, status, ctx) => this.changeClaim(id, { status }, 'status', ctx),
      edit: (id, edit, ctx) => this.changeClaim(id, edit, 'edit', ctx),
      batches: (opts) => this.claimBatches(opts ?? {}),
    }
    this.incidents = {
      create: (draft, ctx) => this.createIncident(draft, ctx),
      get: async (id) => (await this.incidentsByIds([id]))[0] ?? null,
      list: (filter, page, sort) => this.listIncidents(filter ?? {}, page, sort ?? 'date'),
      update: (id, patch, ctx) => this.updateIncident(id, patch, ctx),
      link: (claimIds, incidentId, reason, ctx) => this.linkClaims(claimIds, incidentId, reason, ctx),
      setFigures: (id, figures, opts) => this.setFigures(id, figures, opts),
      merge: (from, into, ctx) => this.mergeIncidents(from, into, ctx),
      unmerge: (from, ctx) => this.unmergeIncident(from, ctx),
      candidates: (q) => this.candidates(q),
      sourcesOf: (ids) => this.sourcesOf(ids),
    }
    this.findings = {
      beginCheck: async () => Number((await this.x.get('UPDATE findings_state SET started = started + 1 WHERE id = 1 RETURNING started'))?.started),
      replaceAll: (findings, generation) => this.replaceFindings(findings, generation),
      list: (filter, page) => this.listFindings(filter ?? {}, page),
      review: (id, status, ctx) => this.reviewFinding(id, status, ctx),
    }
    this.revisions = { list: (q, page) => this.listRevisions(q ?? {}, page) }
    this.tokens = {
      create: (name, role, ctx) => this.createToken(name, role, ctx),
      verify: async (secret) => {
        const r = await this.x.get('SELECT * FROM tokens WHERE hash = ? AND revoked_at IS NULL', [hashSecret(secret)])
        return r === undefined ? null : tokenFromRow(r)
      },
      list: async () => (await this.x.all('SELECT * FROM tokens ORDER BY created_at, id')).map(tokenFromRow),
      revoke: (id, ctx) => this.revokeToken(id, ctx),
    }
    this.bulk = {
      importRecords: (records, ctx) => this.importRecords(records, ctx),
      deferIndexes: () => this.deferIndexes(),
      restoreIndexes: () => this.restoreIndexes(),
    }
  }

  /** The store of a transaction this store opened: same connection, so the same bulk load state. */
  private within(x: Executor): SqlStore {
    return new SqlStore(x, () => Promise.resolve(), null, this.load)
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.x.dialect
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.x.inTransaction) return fn(this)
    return this.settled((tx) => fn(this.within(tx)))
  }

  /** A transaction that, when this call opens it, settles the source ids a bulk load stored in it (see LoadState). */
  private async settled<T>(fn: (x: Executor) => Promise<T>): Promise<T> {
    const outer = !this.x.inTransaction
    let committed = false
    try {
      const out = await this.x.transaction(fn)
      committed = true
      return out
    } finally {
      if (outer) {
        if (committed) for (const key of this.load.pending) this.load.sourceIds?.add(key)
        this.load.pending.clear()
      }
    }
  }

  async schemaVersion(): Promise<number> {
    const r = await this.x.get('SELECT max(version) AS v FROM schema_migrations')
    return Number(r?.v ?? 0)
  }

  close(): Promise<void> {
    return this.onClose()
  }

  async warm(): Promise<void> {
    await this.listIndex?.ready()
  }

  async totals(groupBy: TotalGroup, filter: IncidentFilter = {}): Promise<TotalRow[]> {
    const snap = await this.snapshot()
    const fromSnap = snap?.totals(groupBy, filter)
    if (fromSnap) return fromSnap
    if (cubeAnswers(filter)) return cubeTotals(this.x, groupBy, filter)
    const w = incidentWhere(filter, 'figures')
    const rows = await this.x.all(
      `SELECT ${GROUPS[groupBy]} AS grp, i.measure, i.category, sum(coalesce(i.min, 0)) AS low,
              CASE WHEN count(i.max) = count(*) THEN sum(i.max) END AS high, count(*) AS n
         FROM incident_figures i ${w.sql}
        GROUP BY 1, 2, 3 ORDER BY 1 NULLS LAST, 2, 3`,
      w.params,
    )
    return sortTotals(
      rows.map((r) => ({
        group: str(r.grp),
        measure: String(r.measure) as TotalRow['measure'],
        category: String(r.category) as TotalRow['category'],
        low: Number(r.low),
        high: int(r.high),
        incidents: Number(r.n),
      })),
    )
  }

  // --- revisions -------------------------------------------------------------------------------------------------

  private async revise(type: EntityType, id: string, action: string, ctx: ChangeContext, before: unknown, after: unknown): Promise<void> {
    await this.x.run('INSERT INTO revisions (entity_type, entity_id, action, actor, at, why, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      type,
      id,
      action,
      ctx.actor,
      now(),
      ctx.why ?? null,
      before === undefined || before === null ? null : json(before),
      after === undefined || after === null ? null : json(after),
    ])
  }

  private async listRevisions(q: RevisionQuery, page?: PageRequest): Promise<Page<Revision>> {
    const { limit, offset } = pageBounds(page)
    const where: string[] = []
    const params: SqlValue[] = []
    if (q.entityType !== undefined) {
      where.push('entity_type = ?')
      params.push(q.entityType)
    }
    if (q.entityId !== undefined) {
      where.push('entity_id = ?')
      params.push(q.entityId)
    }
    if (q.of !== undefined) {
      // One IN list per entity type, so each part can use the (entity_type, entity_id) index.
      const byType = new Map<EntityType, string[]>()
      for (const s of q.of) byType.set(s.entityType, [...(byType.get(s.entityType) ?? []), s.entityId])
      const parts = [...byType].map(([type, ids]) => {
        params.push(type, ...ids)
        return `(entity_type = ? AND entity_id IN (${ids.map(() => '?').join(', ')}))`
      })
      where.push(parts.length === 0 ? '1 = 0' : `(${parts.join(' OR ')})`)
    }
    const w = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`
    const rows = await this.x.all(`SELECT * FROM revisions ${w} ORDER BY seq DESC LIMIT ? OFFSET ?`, [...params, limit, offset])
    const total = await this.x.get(`SELECT count(*) AS n FROM revisions ${w}`, params)
    return {
      items: rows.map((r) => ({
        id: `rev_${String(r.seq)}` as Revision['id'],
        entityType: String(r.entity_type) as EntityType,
        entityId: String(r.entity_id),
        action: String(r.action),
        actor: String(r.actor),
        at: String(r.at),
        why: str(r.why),
        before: r.before === null ? null : parse<unknown>(r.before),
        after: r.after === null ? null : parse<unknown>(r.after),
      })),
      total: Number(total?.n ?? 0),
      limit,
      offset,
    }
  }

  // --- sources ---------------------------------------------------------------------------------------------------

  private async countSources(): Promise<number> {
    const r = await this.x.get('SELECT count(*) AS n FROM sources')
    return Number(r?.n ?? 0)
  }

  private async addSource(input: SourceInput, ctx: ChangeContext): Promise<{ source: Source; created: boolean }> {
    return this.x.transaction(async (x) => {
      await this.within(x).guardIdIndexes()
      const at = now()
      const row = sourceRow(input, at)
      // ON CONFLICT keeps two writers adding the same bytes at once from failing: the loser reads the winner's row.
      const created = (await x.run(`INSERT INTO sources (${SOURCE_COLUMNS.join(', ')}) VALUES (${marks(row.length)}) ON CONFLICT DO NOTHING`, row)) === 1
      const stored = await x.get(`SELECT ${SUMMARY_COLUMNS}, text FROM sources WHERE id = ?`, [row[0]!])
      if (stored === undefined) throw new DomainError('internal_error', `source ${input.sha256} vanished after insert`)
      const source = sourceFromRow(stored)
      if (created) {
        const { text: _text, ...summary } = source
        await this.within(x).revise('source', source.id, 'create', ctx, null, summary)
      }
      return { source, created }
    })
  }

  private async searchSources(words: string, page?: PageRequest): Promise<Page<SourceHit>> {
    const { limit, offset } = pageBounds(page)
    const summary = SUMMARY_COLUMNS.split(', ')
      .map((c) => `s.${c}`)
      .join(', ')
    if (this.x.dialect === 'sqlite') {
      const q = fts5Query(words)
      if (q === '') return { items: [], total: 0, limit, offset }
      const rows = await this.x.all(
        `SELECT ${summary}, snippet(sources_fts, 1, '«', '»', '…', 16) AS snippet
           FROM sources_fts JOIN sources s ON s.seq = sources_fts.rowid
          WHERE sources_fts MATCH ? ORDER BY rank, s.seq LIMIT ? OFFSET ?`,
        [q, limit, offset],
      )
      const total = await this.x.get('SELECT count(*) AS n FROM sources_fts WHERE sources_fts MATCH ?', [q])
      return { items: rows.map((r) => ({ ...summaryFromRow(r), snippet: String(r.snippet) })), total: Number(total?.n ?? 0), limit, offset }
    }
    if (words.trim() === '') return { items: [], total: 0, limit, offset }
    const rows = await this.x.all(
      `SELECT ${summary}, ts_headline('english', left(coalesce(s.search_text, s.text), 100000), q, 'StartSel=«, StopSel=», MaxWords=24, MinWords=8') AS snippet
         FROM sources s, plainto_tsquery('english', ?) q
        WHERE s.tsv @@ q ORDER BY ts_rank(s.tsv, q) DESC, s.seq LIMIT ? OFFSET ?`,
      [words, limit, offset],
    )
    const total = await this.x.get(`SELECT count(*) AS n FROM sources s WHERE s.tsv @@ plainto_tsquery('english', ?)`, [words])
    return { items: rows.map((r) => ({ ...summaryFromRow(r), snippet: String(r.snippet) })), total: Number(total?.n ?? 0), limit, offset }
  }

  // --- claims ----------------------------------------------------------------------------------------------------

  private async claimsByIds(ids: readonly string[]): Promise<Claim[]> {
    const byId = new Map<string, Claim>()
    for (const part of chunks(ids, IN_CHUNK)) {
      const rows = await this.x.all(`SELECT * FROM claims WHERE id IN (${marks(part.length)})`, part)
      for (const r of rows) byId.set(String(r.id), claimFromRow(r))
    }
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  private async addClaims(sourceId: SourceId, drafts: readonly ClaimDraft[], ctx: ChangeContext): Promise<Claim[]> {
    return this.x.transaction(async (x) => {
      const tx = this.within(x)
      await tx.guardIdIndexes()
      if ((await x.get('SELECT 1 AS one FROM sources WHERE id = ?', [sourceId])) === undefined) throw new NotFound('source', sourceId)
      const ids = drafts.map((d) => claimIdFor(sourceId, d))
      const existing = new Set((await tx.claimsByIds([...new Set(ids)])).map((c) => c.id as string))
      const at = now()
      const fresh = new Map<string, SqlValue[]>()
      drafts.forEach((d, i) => {
        const id = ids[i]!
        if (!existing.has(id) && !fresh.has(id)) fresh.set(id, claimRow(id, sourceId, d, at, null))
      })
      if (fresh.size > 0) await x.insertMany('claims', CLAIM_COLUMNS, [...fresh.values()], true)
      const stored = await tx.claimsByIds(ids)
      for (const c of stored) if (fresh.has(c.id)) await tx.revise('claim', c.id, 'create', ctx, null, c)
      return stored
    })
  }

  private async listClaims(f: ClaimFilter, page?: PageRequest): Promise<Page<Claim>> {
    const { limit, offset } = pageBounds(page)
    const where: string[] = []
    const params: SqlValue[] = []
    const eq = (col: string, v: string | undefined): void => {
      if (v === undefined) return
      where.push(`${col} = ?`)
      params.push(v)
    }
    eq('source_id', f.sourceId)
    eq('measure', f.measure)
    eq('category', f.category)
    eq('scope', f.scope)
    if (f.incidentId === null || f.unlinked === true) where.push('incident_id IS NULL')
    else if (f.incidentId !== undefined) eq('incident_id', f.incidentId)
    if (f.incidentIds !== undefined) {
      where.push(f.incidentIds.length === 0 ? '1 = 0' : `incident_id IN (${marks(f.incidentIds.length)})`)
      params.push(...f.incidentIds)
    }
    if (f.unlinked === false) where.push('incident_id IS NOT NULL')
    if (f.status !== undefined) {
      const list: readonly string[] = typeof f.status === 'string' ? [f.status] : f.status
      if (list.length === 0) where.push('1 = 0')
      else {
        where.push(`status IN (${marks(list.length)})`)
        params.push(...list)
      }
    }
    const w = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`
    const rows = await this.x.all(`SELECT * FROM claims ${w} ORDER BY seq LIMIT ? OFFSET ?`, [...params, limit, offset])
    const total = await this.x.get(`SELECT count(*) AS n FROM claims ${w}`, params)
    return { items: rows.map(claimFromRow), total: Number(total?.n ?? 0), limit, offset }
  }

  private async changeClaim(id: ClaimId, change: ClaimEdit & { status?: ClaimStatus }, action: string, ctx: ChangeContext): Promise<Claim> {
    return this.x.transaction(async (x) => {
      const tx = this.within(x)
      const before = (await tx.claimsByIds([id]))[0]
      if (before === undefined) throw new NotFound('claim', id)
      const sets: string[] = []
      const params: SqlValue[] = []
      const beforeVals: Record<string, unknown> = {}
      const afterVals: Record<string, unknown> = {}
      const set = (col: string, value: SqlValue): void => {
        sets.push(`${col} = ?`)
        params.push(value)
      }
      for (const [k, v] of Object.entries(change) as [keyof Claim, unknown][]) {
        if (v === undefined || JSON.stringify(before[k]) === JSON.stringify(v)) continue
        beforeVals[k] = before[k]
        afterVals[k] = v
        switch (k) {
          case 'period': {
            const p = v as Period
            set('period', json(p))
            set('period_start', p.start)
            set('period_end', p.end)
            break
          }
          case 'place': {
            const p = v as Place | null
            set('place', p === null ? null : json(p))
            set('country', p?.country ?? null)
            break
          }
          case 'measure':
          case 'category':
          case 'qualifier':
          case 'scope':
          case 'actor':
          case 'claimant':
          case 'status':
            set(k, v as string | null)
            break
          case 'min':
          case 'max':
          case 'incidents':
            set(k, v as number | null)
            break
          default:
            throw new DomainError('invalid_input', `claim field ${String(k)} cannot be changed`)
        }
      }
      if (sets.length === 0) return before
      set('updated_at', now())
      await x.run(`UPDATE claims SET ${sets.join(', ')} WHERE id = ?`, [...params, id])
      await tx.revise('claim', id, action, ctx, beforeVals, afterVals)
      if ('status' in afterVals && before.incidentId !== null) await tx.refreshSourceCount([before.incidentId])
      return (await tx.claimsByIds([id]))[0]!
    })
  }

  private async *claimBatches(opts: ClaimBatchOptions): AsyncIterable<readonly Claim[]> {
    const size = Math.max(1, Math.min(10_000, opts.batchSize ?? 1000))
    const where: string[] = ['seq > ?']
    const params: SqlValue[] = []
    if (opts.countingOnly !== false) where.push("status <> 'rejected'")
    if (opts.scope !== undefined) {
      where.push('scope = ?')
      params.push(opts.scope)
    }
    if (opts.measure !== undefined) {
      where.push('measure = ?')
      params.push(opts.measure)
    }
    let last = 0
    for (;;) {
      // Keyset paging on seq: each batch is one index range read, however deep into the table it is.
      const rows = await this.x.all(`SELECT * FROM claims WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`, [last, ...params, size])
      if (rows.length === 0) return
      last = Number(rows[rows.length - 1]!.seq)
      yield rows.map(claimFromRow)
      if (rows.length < size) return
    }
  }

  // --- incidents -------------------------------------------------------------------------------------------------

  /**
   * Incidents by row key (seq), in the order given: rowid lookups cost half of id lookups on SQLite. `ids` are the
   * incidents expected at those keys; a row that is not (it changed since the keys were read) is left out.
   */
  private async incidentsBySeqs(seqs: readonly number[], ids: readonly string[]): Promise<Incident[]> {
    const bySeq = await this.incidentsWhere('seq', seqs)
    return seqs.flatMap((s, k) => {
      const inc = bySeq.get(s)
      return inc !== undefined && inc.id === ids[k] ? [inc] : []
    })
  }

  private async incidentsByIds(ids: readonly string[]): Promise<Incident[]> {
    const byId = await this.incidentsWhere('id', ids)
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  /** The incidents whose `column` is one of `keys`, with their links, by that key. */
  private async incidentsWhere<K extends string | number>(column: 'id' | 'seq', keys: readonly K[]): Promise<Map<K, Incident>> {
    if (keys.length === 0) return new Map()
    const rows: Row[] = []
    for (const part of chunks(keys, IN_CHUNK)) rows.push(...(await this.x.all(`SELECT * FROM incidents WHERE ${column} IN (${marks(part.length)})`, part)))
    const links = await this.linksFor(rows.map((r) => String(r.id)))
    const key = (r: Row): K => (column === 'seq' ? Number(r.seq) : String(r.id)) as K
    return new Map(rows.map((r) => [key(r), incidentFromRow(r, links.get(String(r.id)) ?? [])]))
  }

  private async linksFor(ids: readonly string[]): Promise<Map<string, IncidentLink[]>> {
    const out = new Map<string, IncidentLink[]>()
    for (const part of chunks(ids, IN_CHUNK)) {
      const rows = await this.x.all(`SELECT id, incident_id, link_reason, link_by, link_at FROM claims WHERE incident_id IN (${marks(part.length)}) ORDER BY seq`, part)
      for (const r of rows) {
        const key = String(r.incident_id)
        const list = out.get(key) ?? []
        list.push({ claimId: String(r.id) as ClaimId, reason: str(r.link_reason) ?? '', by: str(r.link_by) ?? '', at: str(r.link_at) ?? '' })
        out.set(key, list)
      }
    }
    return out
  }

  private async createIncident(d: IncidentDraft, ctx: ChangeContext): Promise<Incident> {
    return this.x.transaction(async (x) => {
      const tx = this.within(x)
      const id = newId('inc_')
      await x.insertMany('incidents', INCIDENT_COLUMNS, [incidentRow(id, d, [], 0, now())])
      const inc = (await tx.incidentsByIds([id]))[0]!
      await tx.revise('incident', id, 'create', ctx, null, d)
      return inc
    })
  }

  private async listIncidents(f: IncidentFilter, page: PageRequest | undefined, sort: IncidentSort): Promise<Page<Incident>> {
    const { limit, offset } = pageBounds(page)
    const fromSnap = (await this.snapshot())?.page(f, sort, limit, offset)
    if (fromSnap) return { items: await this.incidentsBySeqs(fromSnap.seqs, fromSnap.ids), total: fromSnap.total, limit, offset }
    const { from, id, where: w } = incidentSource(f)
    // Ids first, from the covering indexes, then the rows of that page only: skipped rows (the offset, a sort's
    // candidates) are never read from the table.
    const ids = await this.x.all(`SELECT ${id} AS id FROM ${from} ${w.sql} ORDER BY ${orderBy(sort, id)} LIMIT ? OFFSET ?`, [...w.params, limit, offset])
    const total = await this.x.get(`SELECT count(*) AS n FROM ${from} ${w.sql}`, w.params)
    return { items: await this.incidentsByIds(ids.map((r) => String(r.id))), total: Number(total?.n ?? 0), limit, offset }
  }

  /** The list snapshot of the current state, if there is one (never inside a transaction: it cannot see its writes). */
  private async snapshot(): Promise<ListSnapshot | null> {
    if (this.listIndex === null || this.x.inTransaction) return null
    return this.listIndex.current()
  }

  private async requireIncident(id: IncidentId): Promise<Incident> {
    const inc = (await this.incidentsByIds([id]))[0]
    if (inc === undefined) throw new NotFound('incident', id)
    return inc
  }

  private async updateIncident(id: IncidentId, patch: IncidentPatch, ctx: ChangeContext): Promise<Incident> {
    return this.x.transaction(async (x) => {
      const tx = this.within(x)
      const before = await tx.requireIncident(id)
      const beforeVals: Record<string, unknown> = {}
      const afterVals: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(patch) as [keyof IncidentDraft, unknown][]) {
        if (v === undefined || JSON.stringify(before[k]) === JSON.stringify(v)) continue
        beforeVals[k] = before[k]
        afterVals[k] = v
      }
      if (Object.keys(afterVals).length === 0) return before
      const next: IncidentDraft = { ...before, ...(afterVals as Partial<IncidentDraft>) }
      await x.run(
        `UPDATE incidents SET date_start = ?, date_end = ?, date_last = ?, date_span = ?, date = ?, place = ?, country = ?, actor = ?, actor_lc = ?,
                target = ?, victims = ?, grade = ?, updated_at = ? WHERE id = ?`,
        [
          next.date.start,
          next.date.end,
          next.date.end ?? next.date.start,
          dateSpanClass(next.date.start, next.date.end ?? next.date.start),
          json(next.date),
          next.place === null ? null : json(next.place),
          next.place?.country ?? null,
          next.actor,
          next.actor?.toLowerCase() ?? null,
          next.target,
          json(next.victims),
          next.grade,
          now(),
          id,
        ],
      )
      const oldFacts = await tx.factsOf(id)
      await cubeApply(x, oldFacts, -1)
      await x.run('UPDATE incident_figures SET date_start = ?, date_end = ?, date_last = ?, country = ?, actor = ?, actor_lc = ?, grade = ? WHERE incident_id = ?', [
        next.date.start,
        next.date.end,
        next.date.end ?? next.date.start,
        next.place?.country ?? null,
        next.actor,
        next.actor?.toLowerCase() ?? null,
        next.grade,
        id,
      ])
      await cubeApply(x, await tx.factsOf(id), 1)
      await tx.revise('incident', id, 'update', ctx, beforeVals, afterVals)
      return tx.requireIncident(id)
    })
  }

  /** The cube facts of an incident's stored figure rows (empty unless it is active). */
  private async factsOf(id: string): Promise<FigureFact[]> {
    return (await this.x.all(`SELECT ${FACT_COLUMNS} FROM incident_figures WHERE incident_id = ? AND status = 'active'`, [id])).map(factFromRow)
  }

  private async refreshSourceCount(ids: readonly string[]): Promise<void> {
    for (const id of new Set(ids)) {
      await this.x.run(
        `UPDATE incidents SET source_count = (SELECT count(DISTINCT source_id) FROM claims WHERE incident_id = ? AND status <> 'rejected') WHERE id = ?`,
        [id, id],
      )
    }
  }

  private async linkClaims(claimIds: readonly ClaimId[], incidentId: IncidentId | null, reasonFor: string | ((id: ClaimId) => string), ctx: ChangeContext): Promise<void> {
    await this.x.transaction(async (x) => {
      const tx = this.within(x)
      if (incidentId !== null) await tx.requireIncident(incidentId)
      const unique = [...new Set(claimIds)]
      const claims = await tx.claimsByIds(unique)
      if (claims.length !== unique.length) {
        const found = new Set(claims.map((c) => c.id as string))
        throw new NotFound('claim', unique.find((id) => !found.has(id)) ?? '?')
      }
      const at = now()
      const touched: string[] = incidentId === null ? [] : [incidentId]
      for (const c of claims) {
        if (c.incidentId === incidentId) continue
        if (c.incidentId !== null) touched.push(c.incidentId)
        const reason = typeof reasonFor === 'string' ? reasonFor : reasonFor(c.id)
        await x.run('UPDATE claims SET incident_id = ?, link_reason = ?, link_by = ?, link_at = ?, updated_at = ? WHERE id = ?', [
          incidentId,
          incidentId === null ? null : reason,
          incidentId === null ? null : ctx.actor,
          incidentId === null ? null : at,
          at,
          c.id,
        ])
        await tx.revise('claim', c.id, 'link', { actor: ctx.actor, why: ctx.why ?? reason }, { incidentId: c.incidentId }, { incidentId, reason })
      }
      await tx.refreshSourceCount(touched)
    })
  }

  private async setFigures(id: IncidentId, figures: readonly Figure[], opts?: { readonly grade?: Grade | null }): Promise<void> {
    await this.x.transaction(async (x) => {
      const r = await x.get('SELECT status, date, country, actor, grade FROM incidents WHERE id = ?', [id])
      if (r === undefined) throw new NotFound('incident', id)
      const sets = ['figures = ?', 'killed_high = ?', 'categories = ?']
      const params: SqlValue[] = [json(figures), killedHigh(figures), categoryBits(figures)]
      if (opts?.grade !== undefined) {
        sets.push('grade = ?')
        params.push(opts.grade)
      }
      await x.run(`UPDATE incidents SET ${sets.join(', ')} WHERE id = ?`, [...params, id])
      // Derived rows, rebuilt whole: replacing them is not a change of record, so it writes no revision.
      const tx = this.within(x)
      await cubeApply(x, await tx.factsOf(id), -1)
      await x.run('DELETE FROM incident_figures WHERE incident_id = ?', [id])
      const grade = opts?.grade !== undefined ? opts.grade : str(r.grade)
      const rows = figureRows(id, figures, { status: String(r.status), date: parse<Period>(r.date), country: str(r.country), actor: str(r.actor), grade })
      if (rows.length > 0) await x.insertMany('incident_figures', FIGURE_COLUMNS, rows)
      await cubeApply(x, await tx.factsOf(id), 1)
    })
  }

  private async mergeIncidents(from: IncidentId, into: IncidentId, ctx: ChangeContext): Promise<Incident> {
    return this.x.transaction(async (x) => {
      const tx = this.within(x)
      if (from === into) throw new DomainError('conflict', `cannot merge incident ${from} into itself`, { details: { from, into } })
      const a = await tx.requireIncident(from)
      const b = await tx.requireIncident(into)
      if (a.status === 'merged') throw new DomainError('conflict', `incident ${from} is already merged into ${a.mergedInto ?? '?'}`, { details: { from } })
      if (b.status === 'merged') throw new DomainError('conflict', `incident ${into} is merged into ${b.mergedInto ?? '?'}; merge into that one`, { details: { into } })
      const moved = a.links.map((l) => l.claimId)
      // Each claim keeps why it first joined (its import row, the linker's evidence) before why it moved.
      const earlier = new Map(a.links.map((l) => [l.claimId, l.reason]))
      const merged = ctx.why ? `merged from ${from}: ${ctx.why}` : `merged from ${from}`
      if (moved.length > 0) await tx.linkClaims(moved, into, (id) => (earlier.get(id) ? `${earlier.get(id)}; ${merged}` : merged), ctx)
      const at = now()
      await cubeApply(x, await tx.factsOf(from), -1)
      await x.run("UPDATE incidents SET status = 'merged', merged_into = ?, updated_at = ? WHERE id = ?", [into, at, from])
      await x.run("UPDATE incident_figures SET status = 'merged' WHERE incident_id = ?", [from])
      await tx.revise('incident', from, 'merge', ctx, { status: 'active', mergedInto: null }, { status: 'merged', mergedInto: into })
      await tx.revise('incident', into, 'absorb', ctx, null, { from, claims: moved })
      return tx.requireIncident(into)
    })
  }

  private async unmergeIncident(id: IncidentId, ctx: ChangeContext): Promise<{ restored: Incident; from: Incident }> {
    return this.x.transaction(async (x) => {
      const tx = this.within(x)
      const a = await tx.requireIncident(id)
      if (a.status !== 'merged' || a.mergedInto === null) throw new DomainError('conflict', `incident ${id} is not merged`, { details: { id } })
      const into = a.mergedInto
      const b = await tx.requireIncident(into)
      if (b.status === 'merged') throw new DomainError('conflict', `incident ${into} has since been merged into ${b.mergedInto ?? '?'}; unmerge that first`, { details: { into } })
      // The claims this merge moved, as its 'absorb' revision recorded them; those moved on since stay where they are.
      const absorbs = await x.all("SELECT after FROM revisions WHERE entity_type = 'incident' AND entity_id = ? AND action = 'absorb' ORDER BY seq DESC", [into])
      const record = absorbs.map((r) => parse<{ from: string; claims: ClaimId[] }>(r.after)).find((r) => r?.from === id)
      const moved = record?.claims ?? []
      const back = (await tx.claimsByIds(moved)).filter((c) => c.incidentId === into).map((c) => c.id)
      await x.run("UPDATE incidents SET status = 'active', merged_into = NULL, updated_at = ? WHERE id = ?", [now(), id])
      await x.run("UPDATE incident_figures SET status = 'active' WHERE incident_id = ?", [id])
      await cubeApply(x, await tx.factsOf(id), 1)
      // Each claim goes back with why it first joined (before "; merged from …") and why it came back.
      const reasonsNow = new Map(b.links.map((l) => [l.claimId, l.reason]))
      const unmerged = ctx.why ? `unmerged from ${into}: ${ctx.why}` : `unmerged from ${into}`
      const before = (cid: ClaimId): string | null => {
        const r = reasonsNow.get(cid)
        const cut = r?.indexOf(`; merged from ${id}`) ?? -1
        return r === undefined ? null : cut >= 0 ? r.slice(0, cut) : r.startsWith(`merged from ${id}`) ? null : r
      }
      if (back.length > 0) await tx.linkClaims(back, id, (cid) => (before(cid) ? `${before(cid)}; ${unmerged}` : unmerged), ctx)
      await tx.revise('incident', id, 'unmerge', ctx, { status: 'merged', mergedInto: into }, { status: 'active', mergedInto: null })
      await tx.revise('incident', into, 'release', ctx, null, { to: id, claims: back })
      return { restored: await tx.requireIncident(id), from: await tx.requireIncident(into) }
    })
  }

  private async candidates(q: CandidateQuery): Promise<Incident[]> {
    const start = q.date.start ?? q.date.end
    const end = q.date.end ?? q.date.start
    if (start === null || end === null) return []
    const days = Math.max(0, q.days ?? 3)
    const lo = addDays(start, -days)
    const hi = addDays(end, days)
    const params: SqlValue[] = []
    const country = q.country !== undefined && q.country !== null ? q.country : null
    // One bounded range of the span index per span class (see date-span.ts): rows starting after the earliest start
    // an incident of that class can have and still reach `lo`.
    const parts: string[] = []
    for (let c = 0; c <= DATE_SPAN_LAST; c++) {
      const from = earliestStart(c, lo)
      parts.push(
        `SELECT id, date_start, date_last FROM incidents WHERE status = 'active' AND date_span = ${c}${from === null ? '' : ' AND date_start >= ?'} AND date_start <= ?
           AND date_last >= ?${country === null ? '' : ' AND (country = ? OR country IS NULL)'}`,
      )
      if (from !== null) params.push(from)
      params.push(hi, lo)
      if (country !== null) params.push(country)
    }
    const rows = await this.x.all(`SELECT id, date_start, date_last FROM (${parts.join(' UNION ALL ')}) i ORDER BY date_start, id LIMIT 2000`, params)
    // Nearest first: days between the periods (0 when they overlap), then id for a stable order.
    const gap = (r: Row): number => {
      const s = String(r.date_start)
      const e = str(r.date_last) ?? s
      if (e < start) return Date.parse(start) - Date.parse(e)
      if (s > end) return Date.parse(s) - Date.parse(end)
      return 0
    }
    const ids = rows
      .map((r) => ({ id: String(r.id), gap: gap(r) }))
      .sort((a, b) => a.gap - b.gap || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, Math.max(1, q.limit ?? 50))
      .map((r) => r.id)
    return this.incidentsByIds(ids)
  }

  private async sourcesOf(ids: readonly IncidentId[]): Promise<Map<IncidentId, SourceSummary[]>> {
    const out = new Map<IncidentId, SourceSummary[]>()
    const columns = SUMMARY_COLUMNS.split(', ')
      .map((c) => `s.${c}`)
      .join(', ')
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      const rows = await this.x.all(
        `SELECT DISTINCT c.incident_id, ${columns} FROM claims c JOIN sources s ON s.id = c.source_id
          WHERE c.incident_id IN (${marks(part.length)})`,
        part,
      )
      for (const r of rows) {
        const id = String(r.incident_id) as IncidentId
        const list = out.get(id) ?? []
        list.push(summaryFromRow(r))
        out.set(id, list)
      }
    }
    // Code-unit order, the same on both stores whatever the PostgreSQL collation.
    for (const list of out.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    return out
  }

  // --- findings --------------------------------------------------------------------------------------------------

  private async replaceFindings(findings: readonly Finding[], generation: number): Promise<boolean> {
    return this.x.transaction(async (x) => {
      // Locks the state row first (PostgreSQL waits here for another replacement to commit; a SQLite write
      // transaction holds the whole file already). Without it two processes' DELETE-then-INSERT interleave: each
      // deletes only the rows it can see, and both sets of findings are left behind.
      await x.run('UPDATE findings_state SET stored = stored WHERE id = 1')
      const state = await x.get('SELECT stored FROM findings_state WHERE id = 1')
      // A run begun later read newer claims (or the same ones): its findings stand.
      if (Number(state?.stored ?? 0) > generation) return false
      await x.run('UPDATE findings_state SET stored = ? WHERE id = 1', [generation])
      // Findings are derived from claims and recomputed whole by each check run, so the old set is dropped.
      await x.run('DELETE FROM finding_claims')
      await x.run('DELETE FROM findings')
      if (findings.length === 0) return true
      await x.insertMany(
        'findings',
        ['id', 'kind', 'measure', 'category', 'body'],
        findings.map((f) => [f.id, f.kind, f.measure, f.category, json(f)]),
      )
      const links = findings.flatMap((f) => f.claims.map((c): SqlValue[] => [f.id, c]))
      if (links.length > 0) await x.insertMany('finding_claims', ['finding_id', 'claim_id'], links, true)
      return true
    })
  }

  private async listFindings(f: FindingFilter, page?: PageRequest): Promise<Page<Finding>> {
    const { limit, offset } = pageBounds(page)
    const where: string[] = []
    const params: SqlValue[] = []
    for (const [col, v] of [
      ['kind', f.kind],
      ['measure', f.measure],
      ['category', f.category],
    ] as const) {
      if (v === undefined) continue
      where.push(`f.${col} = ?`)
      params.push(v)
    }
    if (f.claimId !== undefined) {
      where.push('EXISTS (SELECT 1 FROM finding_claims fc WHERE fc.finding_id = f.id AND fc.claim_id = ?)')
      params.push(f.claimId)
    }
    if (f.status !== undefined) {
      // A finding nobody has reviewed is open.
      where.push(f.status === 'open' ? "(r.status IS NULL OR r.status = 'open')" : 'r.status = ?')
      if (f.status !== 'open') params.push(f.status)
    }
    const w = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`
    const from = 'findings f LEFT JOIN finding_reviews r ON r.finding_id = f.id'
    const rows = await this.x.all(`SELECT f.body, r.status, r.reason FROM ${from} ${w} ORDER BY f.seq LIMIT ? OFFSET ?`, [...params, limit, offset])
    const total = await this.x.get(`SELECT count(*) AS n FROM ${from} ${w}`, params)
    return { items: rows.map(findingFromRow), total: Number(total?.n ?? 0), limit, offset }
  }

  private async reviewFinding(id: FindingId, status: FindingStatus, ctx: ChangeContext): Promise<Finding> {
    return this.x.transaction(async (x) => {
      const row = await x.get('SELECT f.body, r.status, r.reason FROM findings f LEFT JOIN finding_reviews r ON r.finding_id = f.id WHERE f.id = ?', [id])
      if (row === undefined) throw new NotFound('finding', id)
      const before = findingFromRow(row)
      await x.run('DELETE FROM finding_reviews WHERE finding_id = ?', [id])
      await x.run('INSERT INTO finding_reviews (finding_id, status, reason, actor, at) VALUES (?, ?, ?, ?, ?)', [id, status, ctx.why ?? null, ctx.actor, now()])
      const after: Finding = { ...before, status, reason: ctx.why ?? null }
      const action = status === 'open' ? 'reopen' : status === 'confirmed' ? 'confirm' : 'dismiss'
      await this.within(x).revise('finding', id, action, ctx, { status: before.status, reason: before.reason }, { status, reason: after.reason })
      return after
    })
  }

  // --- tokens ----------------------------------------------------------------------------------------------------

  private async createToken(name: string, role: Role, ctx: ChangeContext): Promise<CreatedToken> {
    return this.x.transaction(async (x) => {
      const tx = this.within(x)
      const token = `rk_${randomBytes(24).toString('base64url')}`
      const record: ApiToken = { id: newId('tok_') as TokenId, name, role, hash: hashSecret(token), createdAt: now(), revokedAt: null }
      await x.run('INSERT INTO tokens (id, name, role, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)', [
        record.id,
        name,
        role,
        record.hash,
        record.createdAt,
      ])
      // The revision names the token, never its secret or hash.
      await tx.revise('token', record.id, 'create', ctx, null, { name, role })
      return { token, record }
    })
  }

  private async revokeToken(id: TokenId, ctx: ChangeContext): Promise<ApiToken> {
    return this.x.transaction(async (x) => {
      const tx = this.within(x)
      const r = await x.get('SELECT * FROM tokens WHERE id = ?', [id])
      if (r === undefined) throw new NotFound('token', id)
      const before = tokenFromRow(r)
      if (before.revokedAt !== null) return before
      const at = now()
      await x.run('UPDATE tokens SET revoked_at = ? WHERE id = ?', [at, id])
      await tx.revise('token', id, 'revoke', ctx, { revokedAt: null }, { revokedAt: at })
      return { ...before, revokedAt: at }
    })
  }

  // --- bulk import -----------------------------------------------------------------------------------------------

  private async deferIndexes(): Promise<number> {
    // PostgreSQL keeps its indexes: its bulk path is not index-bound the way SQLite's random-order inserts are.
    if (this.x.dialect !== 'sqlite') return 0
    // Claims refer to sources by id, and SQLite refuses any insert of a claim while the id index a reference needs is
    // missing ("foreign key mismatch"): this connection loads without checking references (its rows are built whole),
    // until restoreIndexes. The setting cannot change inside a transaction, so an enclosing one keeps the id indexes.
    const ids = !this.x.inTransaction
    if (ids) await this.x.run('PRAGMA foreign_keys = OFF')
    let idsAside = false
    try {
      const n = await this.x.transaction(async (x) => {
        const aside: { type: string; name: string }[] = DEFERRABLE.map(({ type, name }) => ({ type, name }))
        // Only into an empty store does the set of ids this load stores hold every id there is.
        if (ids && (await x.get('SELECT 1 AS one FROM sources LIMIT 1')) === undefined) aside.push({ type: 'index', name: SOURCES_ID }, { type: 'index', name: CLAIMS_ID })
        let n = 0
        for (const { type, name } of aside) {
          const r = await x.get('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?', [type, name])
          if (r === undefined || typeof r.sql !== 'string') continue
          // Recorded before it is dropped, in one transaction: a crash leaves either both or neither.
          await x.run('INSERT INTO deferred_indexes (name, sql, owner) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING', [name, r.sql, loadOwner()])
          await x.run(`DROP ${type === 'index' ? 'INDEX' : 'TRIGGER'} ${name}`)
          if (name === SOURCES_ID) idsAside = true
          n++
        }
        return n
      })
      // Only once committed: this store owns the load from then on.
      if (idsAside) this.load.sourceIds = new HashSet()
      return n
    } finally {
      if (ids && this.load.sourceIds === null) await this.x.run('PRAGMA foreign_keys = ON')
    }
  }

  private async restoreIndexes(): Promise<number> {
    // Another process's load still running keeps what it set aside: it may hold the only record of its rows' ids.
    const mine = loadOwner()
    const rows = (await this.x.all('SELECT name, owner FROM deferred_indexes ORDER BY name')).filter((r) => String(r.owner) === mine || ownerGone(String(r.owner)))
    // One index per transaction: each is built from the table in one sorted pass, far cheaper than row by row.
    for (const r of rows) await this.x.transaction((x) => this.within(x).restoreIndex(String(r.name)))
    if (this.x.dialect === 'sqlite' && !this.x.inTransaction) await this.x.run('PRAGMA foreign_keys = ON')
    return rows.length
  }

  /** Rebuilds one set-aside index (or trigger) and forgets it was aside; nothing when it is not aside. */
  private async restoreIndex(name: string): Promise<void> {
    if (this.x.dialect !== 'sqlite') return
    const r = await this.x.get('SELECT sql FROM deferred_indexes WHERE name = ?', [name])
    if (r === undefined) return
    for (const { sql, params } of restoreSetAsideStatements(name, String(r.sql))) await this.x.run(sql, params)
    if (name === SOURCES_ID) this.load.sourceIds = null
  }

  /**
   * Before a write that adds sources or claims outside this store's own bulk load path: a store whose load has the
   * id indexes aside puts them back first (its next rows are checked by the indexes again); any other store is
   * refused while a load has them aside, since a row it added could duplicate one the load holds only in memory.
   */
  private async guardIdIndexes(): Promise<void> {
    if (this.x.dialect !== 'sqlite') return
    if (this.load.sourceIds === null) {
      const r = await this.x.get('SELECT owner FROM deferred_indexes WHERE name = ?', [SOURCES_ID])
      if (r === undefined) return
      if (!ownerGone(String(r.owner))) {
        throw new DomainError('conflict', `a bulk import (process ${String(r.owner)}) is loading this database; sources and claims can be added again when it ends`, {
          details: { loader: String(r.owner) },
        })
      }
      // Its load was killed before it rebuilt them, and this store opened before that: hand them back now, as an open would.
    }
    await this.restoreIndex(SOURCES_ID)
    await this.restoreIndex(CLAIMS_ID)
  }

  private async importRecords(records: readonly ImportRecord[], ctx: ChangeContext): Promise<ImportSummary> {
    return this.settled(async (x) => {
      const tx = this.within(x)
      const sum = { sources: 0, claims: 0, incidents: 0, skipped: 0, superseded: 0 }
      const revised = new Set<IncidentId>()
      const linked = new Set<IncidentId>()
      const stored: string[] = []
      for (const run of runsWithoutRepeatedKeys(records)) {
        const r = await tx.importRun(run, ctx)
        sum.sources += r.sources.length
        sum.claims += r.claims
        sum.incidents += r.incidents
        sum.skipped += r.skipped
        sum.superseded += r.superseded
        for (const id of r.revised) revised.add(id)
        for (const id of r.linked) linked.add(id)
        stored.push(...r.sources)
      }
      if (stored.length > 0) {
        await tx.revise('import', newId('imp_'), 'import', ctx, null, { ...sum, firstSource: stored[0], lastSource: stored[stored.length - 1] })
      }
      return { ...sum, revised: [...revised], linked: [...linked] }
    })
  }

  /** Stores records none of which shares a row key with another (see runsWithoutRepeatedKeys), inside the caller's transaction. */
  private async importRun(records: readonly ImportRecord[], ctx: ChangeContext): Promise<{ sources: string[]; claims: number; incidents: number; skipped: number; superseded: number; revised: IncidentId[]; linked: IncidentId[] }> {
    const x = this.x
    const fresh: ImportRecord[] = []
    const loaded = this.load.sourceIds
    if (loaded !== null) {
      // This store's own load into an empty store: every source id stored is in memory (see SOURCES_ID).
      const { pending } = this.load
      for (const rec of records) {
        const key = rec.source.sha256.slice(0, 24)
        if (loaded.has(key) || pending.has(key)) continue
        pending.add(key)
        fresh.push(rec)
      }
    } else {
      await this.guardIdIndexes()
      const known = new Set<string>()
      const ids = [...new Set(records.map((r) => sourceIdFor(r.source.sha256)))]
      for (const part of chunks(ids, IN_CHUNK)) {
        for (const r of await x.all(`SELECT sha256 FROM sources WHERE id IN (${marks(part.length)})`, part)) known.add(String(r.sha256))
      }
      for (const rec of records) {
        if (known.has(rec.source.sha256)) continue
        known.add(rec.source.sha256)
        fresh.push(rec)
      }
    }
    const earlier = await this.earlierRows(fresh)
    const at = now()
    const sources: SqlValue[][] = []
    const incidents: SqlValue[][] = []
    const claims: SqlValue[][] = []
    const figures: SqlValue[][] = []
    const revisions: { rec: ImportRecord; sourceId: SourceId; older: readonly string[]; incidentId: IncidentId | null }[] = []
    const linked: IncidentId[] = []
    for (const rec of fresh) {
      const sourceId = sourceIdFor(rec.source.sha256)
      const older = rec.rowKey === undefined ? undefined : earlier.get(rec.rowKey)
      let link: { incidentId: string; reason: string; by: string } | null = null
      if (rec.incident !== null) {
        // A re-issued row describes the strike its earlier version did: its claims join that incident.
        const incidentId = older?.incidentId ? await this.liveIncident(older.incidentId) : null
        if (incidentId !== null) {
          link = { incidentId, reason: `${rec.linkReason ?? 'imported with its source'} (revised row, superseding ${older!.ids.join(', ')})`, by: ctx.actor }
        } else {
          const id = newId('inc_')
          const figs = rec.figures ?? []
          incidents.push(incidentRow(id, rec.incident, figs, 1, at))
          figures.push(...figureRows(id, figs, { status: 'active', date: rec.incident.date, country: rec.incident.place?.country ?? null, actor: rec.incident.actor, grade: rec.incident.grade }))
          link = { incidentId: id, reason: rec.linkReason ?? 'imported with its source', by: ctx.actor }
        }
      }
      if (link !== null) linked.push(link.incidentId as IncidentId)
      if (older !== undefined) revisions.push({ rec, sourceId, older: older.ids, incidentId: (link?.incidentId ?? null) as IncidentId | null })
      sources.push(sourceRow(rec.source, at, rec.rowKey ?? null, link?.incidentId ?? null))
      const seen = new Set<string>()
      for (const d of rec.claims) {
        const id = claimIdFor(sourceId, d)
        if (seen.has(id)) continue
        seen.add(id)
        claims.push(claimRow(id, sourceId, d, at, link))
      }
    }
    if (sources.length > 0) {
      await x.insertMany('sources', SOURCE_COLUMNS, sources)
      if (incidents.length > 0) await x.insertMany('incidents', INCIDENT_COLUMNS, incidents)
      if (claims.length > 0) await x.insertMany('claims', CLAIM_COLUMNS, claims)
      if (figures.length > 0) {
        await x.insertMany('incident_figures', FIGURE_COLUMNS, figures)
        await cubeApply(x, figures.map(factFromFigureRow), 1)
      }
    }
    const revised = new Set<IncidentId>()
    if (revisions.length > 0) {
      // Without it, each superseded row would read every claim stored so far; and supersede updates claims by id.
      await this.restoreIndex(CLAIMS_BY_SOURCE)
      await this.restoreIndex(CLAIMS_ID)
    }
    for (const r of revisions) for (const id of await this.supersede(r.rec, r.sourceId, r.older, r.incidentId, ctx)) revised.add(id)
    return { sources: sources.map((r) => String(r[0])), claims: claims.length, incidents: incidents.length, skipped: records.length - fresh.length, superseded: revisions.length, revised: [...revised], linked }
  }

  /** Sources already stored under the records' row keys, oldest first, with the incident the latest of them feeds. */
  private async earlierRows(records: readonly ImportRecord[]): Promise<Map<string, { ids: string[]; incidentId: string | null }>> {
    const out = new Map<string, { ids: string[]; incidentId: string | null }>()
    const keys = [...new Set(records.flatMap((r) => (r.rowKey === undefined ? [] : [r.rowKey])))]
    for (const part of chunks(keys, IN_CHUNK)) {
      const rows = await this.x.all(`SELECT id, row_key, incident_id FROM sources WHERE row_key IN (${marks(part.length)}) ORDER BY seq`, part)
      for (const r of rows) {
        const key = String(r.row_key)
        const e = out.get(key) ?? { ids: [], incidentId: null }
        e.ids.push(String(r.id))
        e.incidentId = str(r.incident_id) ?? e.incidentId
        out.set(key, e)
      }
    }
    return out
  }

  /** The active incident an incident id now stands for, following merges; null when there is none. */
  private async liveIncident(id: string): Promise<IncidentId | null> {
    let current: string | null = id
    for (let hops = 0; current !== null && hops < 100; hops++) {
      const r = await this.x.get('SELECT status, merged_into FROM incidents WHERE id = ?', [current])
      if (r === undefined) return null
      if (String(r.status) === 'active') return current as IncidentId
      current = str(r.merged_into)
    }
    return null
  }

  /**
   * A re-issued row supersedes its earlier versions: their claims still counting are rejected (kept, each with a
   * revision naming the import), and the incident, when it is the row's own, takes the row's new description.
   * Returns the incidents whose claims changed; the caller re-reconciles their figures.
   */
  private async supersede(rec: ImportRecord, sourceId: SourceId, older: readonly string[], incidentId: IncidentId | null, ctx: ChangeContext): Promise<IncidentId[]> {
    const why = `${ctx.why ?? 'import'}: row ${rec.rowKey ?? sourceId} re-issued with new contents (${sourceId})`
    const byImport: ChangeContext = { actor: ctx.actor, why }
    const old = await this.x.all(`SELECT id, status, incident_id FROM claims WHERE source_id IN (${marks(older.length)}) AND status <> 'rejected' ORDER BY seq`, [...older])
    const at = now()
    const touched = new Set<IncidentId>(incidentId === null ? [] : [incidentId])
    for (const c of old) {
      await this.x.run(`UPDATE claims SET status = 'rejected', updated_at = ? WHERE id = ?`, [at, String(c.id)])
      await this.revise('claim', String(c.id), 'supersede', byImport, { status: String(c.status) }, { status: 'rejected', supersededBy: sourceId })
      const inc = str(c.incident_id)
      if (inc !== null) touched.add(inc as IncidentId)
    }
    if (incidentId !== null && rec.incident !== null) {
      const mine = [...older, sourceId]
      const others = await this.x.get(`SELECT 1 AS one FROM claims WHERE incident_id = ? AND source_id NOT IN (${marks(mine.length)}) LIMIT 1`, [incidentId, ...mine])
      // Only the row's own incident takes its new description: one that other reports joined keeps what they say.
      if (others === undefined) {
        const { date, place, actor, target, victims } = rec.incident
        await this.updateIncident(incidentId, { date, place, actor, target, victims }, byImport)
      }
      await this.revise('incident', incidentId, 'revise', byImport, { sources: older }, { source: sourceId, rowKey: rec.rowKey ?? null })
    }
    await this.refreshSourceCount([...touched])
    return [...touched]
  }
}

/**
 * Splits records into runs in which no row key appears twice, keeping their order: a file that re-issues a row
 * further down stores the first version before the second supersedes it, even inside one batch.
 */
function runsWithoutRepeatedKeys(records: readonly ImportRecord[]): ImportRecord[][] {
  const runs: ImportRecord[][] = [[]]
  let keys = new Set<string>()
  for (const rec of records) {
    if (rec.rowKey !== undefined && keys.has(rec.rowKey)) {
      runs.push([])
      keys = new Set()
    }
    if (rec.rowKey !== undefined) keys.add(rec.rowKey)
    runs[runs.length - 1]!.push(rec)
  }
  return runs
}

/** SHA-256 of a token secret, hex: what the tokens table stores. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}
