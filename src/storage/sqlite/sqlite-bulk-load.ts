/**
 * @module SQLite's bulk-load strategy: set indexes aside for a load and rebuild each in one sorted pass after it.
 * SQLite's inserts at random places in hash-keyed indexes are what bound a load; PostgreSQL's bulk path is not
 * index-bound that way and keeps its indexes (its BulkLoad does nothing).
 */
import type Database from 'better-sqlite3'
import { DomainError } from '../../domain/errors.js'
import type { BulkLoad } from '../sql/dialect.js'
import { HashSet } from '../sql/hash-set.js'
import { loadOwner, ownerGone } from '../sql/load-owner.js'
import { within, type Scope } from '../sql/scope.js'

/** SQLite's bulk-load hooks (see BulkLoad). */
export const sqliteBulkLoad: BulkLoad = {
  deferIndexes,
  restoreIndexes,
  guardIdIndexes,
  beforeSupersede: async (s) => {
    // Without them, each superseded row would read every claim stored so far; and supersede updates claims by id.
    await restoreIndex(s, CLAIMS_BY_SOURCE)
    await restoreIndex(s, CLAIMS_ID)
  },
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
 * What a bulk load may set aside and rebuild after: indexes that serve incident lists and totals only, the trigger
 * that adds each source to the full-text index (SQLite's index is rebuilt in one pass at the end), and the index of
 * claims by source. Claims' source ids are hashes, so that index took each batch's inserts at random places; during
 * a load only a re-issued row reads claims by source, and it has the index back first (CLAIMS_BY_SOURCE).
 */
const DEFERRABLE = [
  { type: 'index', name: 'incidents_by_date' }, { type: 'index', name: 'incidents_by_country' },
  { type: 'index', name: 'incidents_by_actor' }, { type: 'index', name: 'incidents_by_killed' },
  { type: 'index', name: 'incidents_by_span' }, { type: 'index', name: 'incidents_map' },
  { type: 'index', name: 'incident_figures_by_killed' }, { type: 'index', name: 'incident_figures_by_grade' },
  { type: 'index', name: 'incident_figures_by_category' }, { type: 'index', name: 'incident_figures_start' },
  { type: 'index', name: 'incident_figures_last' }, { type: 'index', name: CLAIMS_BY_SOURCE },
  { type: 'trigger', name: 'sources_fts_insert' },
] as const

async function deferIndexes(s: Scope): Promise<number> {
  // Claims refer to sources by id, and SQLite refuses any insert of a claim while the id index a reference needs is
  // missing ("foreign key mismatch"): this connection loads without checking references (its rows are built whole),
  // until restoreIndexes. The setting cannot change inside a transaction, so an enclosing one keeps the id indexes.
  const ids = !s.x.inTransaction
  if (ids) await s.x.run('PRAGMA foreign_keys = OFF')
  let idsAside = false
  try {
    const n = await s.x.transaction(async (x) => {
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
    if (idsAside) s.load.sourceIds = new HashSet()
    return n
  } finally {
    if (ids && s.load.sourceIds === null) await s.x.run('PRAGMA foreign_keys = ON')
  }
}

async function restoreIndexes(s: Scope): Promise<number> {
  // Another process's load still running keeps what it set aside: it may hold the only record of its rows' ids.
  const mine = loadOwner()
  const rows = (await s.x.all('SELECT name, owner FROM deferred_indexes ORDER BY name')).filter((r) => String(r.owner) === mine || ownerGone(String(r.owner)))
  // One index per transaction: each is built from the table in one sorted pass, far cheaper than row by row.
  for (const r of rows) await s.x.transaction((x) => restoreIndex(within(s, x), String(r.name)))
  if (!s.x.inTransaction) await s.x.run('PRAGMA foreign_keys = ON')
  return rows.length
}

/** Rebuilds one set-aside index (or trigger) and forgets it was aside; nothing when it is not aside. */
async function restoreIndex(s: Scope, name: string): Promise<void> {
  const r = await s.x.get('SELECT sql FROM deferred_indexes WHERE name = ?', [name])
  if (r === undefined) return
  for (const { sql, params } of restoreSetAsideStatements(name, String(r.sql))) await s.x.run(sql, params)
  if (name === SOURCES_ID) s.load.sourceIds = null
}

/**

 * id indexes aside puts them back first (its next rows are checked by the indexes again); any other store is
 * refused while a load has them aside, since a row it added could duplicate one the load holds only in memory.
 */
async function guardIdIndexes(s: Scope): Promise<void> {
  if (s.load.sourceIds === null) {
    const r = await s.x.get('SELECT owner FROM deferred_indexes WHERE name = ?', [SOURCES_ID])
    if (r === undefined) return
    if (!ownerGone(String(r.owner))) {
      throw new DomainError('conflict', `a bulk import (process ${String(r.owner)}) is loading this database; sources and claims can be added again when it ends`, {
        details: { loader: String(r.owner) },
      })
    }
    // Its load was killed before it rebuilt them, and this store opened before that: hand them back now, as an open would.
  }
  await restoreIndex(s, SOURCES_ID)
  await restoreIndex(s, CLAIMS_ID)
}

/**
 * Rebuilds indexes a bulk load set aside (BulkRepo.deferIndexes) when the process that did so is gone: it crashed
 * or was killed before rebuilding them. A load still running (its process alive on this host) keeps its indexes aside.
 * Runs as a store opens, on the driver directly (before the store's executor exists).
 */
export function restoreAbandonedIndexes(db: Database.Database): void {
  const rows = db.prepare('SELECT name, sql, owner FROM deferred_indexes').all() as { name: string; sql: string; owner: string }[]
  for (const r of rows) {
    if (!ownerGone(r.owner)) continue
    db.transaction(() => {
      for (const { sql, params } of restoreSetAsideStatements(r.name, r.sql)) db.prepare(sql).run(...params)
    }).immediate()
  }
}

/**
 * The statements that put back what a bulk load set aside, from its name and recorded `CREATE` text (an index, or
 * the trigger that keeps SQLite's full-text index up to date), and forget it was aside; harmless if it was put back
 * already. Run them in one transaction. Both the loading store and an open after a crash run these.
 */
export function restoreSetAsideStatements(name: string, createSql: string): { sql: string; params: string[] }[] {
  const forget = { sql: 'DELETE FROM deferred_indexes WHERE name = ?', params: [name] }
  if (/^CREATE TRIGGER /i.test(createSql)) {
    return [
      // Rows stored while the trigger was away are in no full-text index: one pass over every source indexes them
      // (and the rest again). Into an empty store that is the very rows just loaded, and one pass is several times
      // cheaper than the trigger's row-by-row merging of index segments at every commit.
      { sql: `INSERT INTO sources_fts (sources_fts) VALUES ('rebuild')`, params: [] },
      { sql: createSql.replace(/^CREATE TRIGGER /i, 'CREATE TRIGGER IF NOT EXISTS '), params: [] },
      forget,
    ]
  }
  return [{ sql: createSql.replace(/^CREATE (UNIQUE )?INDEX /i, (_m, unique: string | undefined) => `CREATE ${unique ?? ''}INDEX IF NOT EXISTS `), params: [] }, forget]
}
