/** @module The store contract on SQLite, plus what only the SQLite adapter does (files, WAL, newer schemas). */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { hasCode } from '../domain/errors.js'
import type { ClaimId } from '../domain/ids.js'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.js'
import { migrateStore, openStore } from './open-store.js'
import { openSqliteStore, sqliteError } from './sqlite/sqlite-store.js'
import { runStoreContract, sourceInput, SPAN_LENGTHS } from './store.contract.js'
import { dateSpanClass } from './sql/date-span.js'
import { addDays } from '../domain/dates.js'
import { expectEditorSetUpgrade, V13_ROWS } from './contract/editor-set-upgrade.js'

runStoreContract('sqlite', () => Promise.resolve(openSqliteStore(':memory:')), { defersIndexes: true })
// Again with every list and totals answered from the list snapshot, rebuilt before each answer after a change.
runStoreContract('sqlite, lists from the snapshot', () => Promise.resolve(openSqliteStore(':memory:', { listIndex: 'inline' })), { defersIndexes: true })

/** A SQLite file migrated by hand up to `version`, open for the test to add rows as an older Reckon stored them. */
function databaseAtVersion(path: string, version: number): Database.Database {
  const db = new Database(path)
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) {
    for (const sql of m.sqlite) db.exec(sql)
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'x')
  }
  return db
}

describe('SQLite adapter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reckon-sqlite-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('creates the file and (for the default path) its folder on first use, in WAL mode, and keeps data across opens', async () => {
    const path = join(dir, 'nested', 'reckon.db')
    // A path someone typed must have its folder already: a typo never quietly becomes a new store.
    await expect(openStore({ kind: 'sqlite', path })).rejects.toThrow(/the folder of the SQLite database .*nested.* does not exist/)
    expect(existsSync(join(dir, 'nested'))).toBe(false)
    const store = await openStore({ kind: 'sqlite', path, createFolder: true })
    await store.sources.add(sourceInput('kept across opens'), { actor: 'test' })
    await store.close()
    const db = new Database(path, { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('page_size', { simple: true })).toBe(8192)
    db.close()
    const again = await openStore({ kind: 'sqlite', path })
    expect(await again.sources.count()).toBe(1)
    expect(await again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION)
    await again.close()
  })

  it('migrates explicitly and reports nothing to do the second time', async () => {
    const path = join(dir, 'migrate.db')
    const first = await migrateStore({ kind: 'sqlite', path })
    expect(first).toMatchObject({ from: 0, to: LATEST_SCHEMA_VERSION })
    // Every migration once, in order (versions are reserved per change, so one may land before a lower number).
    expect(first.applied.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version))
    expect(await migrateStore({ kind: 'sqlite', path })).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, applied: [] })
  })

  it('upgrades a version 1 database with figures to the latest schema, totals and list filters included', async () => {
    const path = join(dir, 'v1.db')
    const db = new Database(path)
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
    for (const sql of MIGRATIONS[0]!.sqlite) db.exec(sql)
    db.prepare("INSERT INTO schema_migrations VALUES (1, 'v1', 'x')").run()
    const inc = db.prepare(
      `INSERT INTO incidents (id, date_start, date_end, date, country, victims, status, figures, killed_high, source_count, created_at, updated_at)
       VALUES (?, ?, ?, '{"start":null,"end":null,"precision":null}', ?, '[]', ?, '[]', ?, 0, 'x', 'x')`,
    )
    const fig = db.prepare('INSERT INTO incident_figures (incident_id, measure, category, min, max, status, date_start, date_end, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    inc.run('inc_a', '2012-01-05', '2012-01-05', 'PK', 'active', 5)
    fig.run('inc_a', 'killed', 'total', 3, 5, 'active', '2012-01-05', '2012-01-05', 'PK')
    inc.run('inc_b', '2012-02-01', null, 'PK', 'active', 2147483647)
    fig.run('inc_b', 'killed', 'total', 2, null, 'active', '2012-02-01', null, 'PK')
    inc.run('inc_c', '2012-02-01', null, 'PK', 'merged', 50)
    fig.run('inc_c', 'killed', 'total', 50, 50, 'merged', '2012-02-01', null, 'PK')
    db.close()
    const store = await openStore({ kind: 'sqlite', path })
    expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION)
    expect(await store.totals('month')).toEqual([
      { group: '2012-01', measure: 'killed', category: 'total', low: 3, high: 5, incidents: 1 },
      { group: '2012-02', measure: 'killed', category: 'total', low: 2, high: null, incidents: 1 },
    ])
    expect(await store.totals('country', { from: '2012-01-10' })).toEqual([{ group: 'PK', measure: 'killed', category: 'total', low: 2, high: null, incidents: 1 }])
    // Migration 3 filled the filter columns (last date, categories, killed highs) from what version 1 stored.
    const ids = async (f: Parameters<typeof store.incidents.list>[0]): Promise<string[]> => (await store.incidents.list(f)).items.map((i) => i.id)
    expect(await ids({ from: '2012-01-10' })).toEqual(['inc_b'])
    expect(await ids({ category: 'total' })).toEqual(['inc_a', 'inc_b'])
    expect(await ids({ category: 'civilians' })).toEqual([])
    expect(await ids({ minCasualties: 6, category: 'total' })).toEqual(['inc_b'])
    expect(await ids({ minCasualties: 5, status: 'all' })).toEqual(['inc_a', 'inc_b', 'inc_c'])
    expect(await store.totals('year', { minCasualties: 5, category: 'total' })).toEqual([{ group: '2012', measure: 'killed', category: 'total', low: 5, high: null, incidents: 2 }])
    // Migration 4 numbers check runs from the start.
    expect(await store.findings.beginCheck()).toBe(1)
    expect(await store.findings.replaceAll([], 1)).toBe(true)
    await store.close()
    // A file made before keeps its page size: changing it would mean rewriting the whole file.
    const reopened = new Database(path, { readonly: true })
    expect(reopened.pragma('page_size', { simple: true })).toBe(4096)
    reopened.close()
  })

  it('upgrades a version 2 database: sources stored before stay searchable, and new dataset rows are searched by their prose', async () => {
    const path = join(dir, 'v2.db')
    const db = new Database(path)
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
    for (const m of MIGRATIONS.slice(0, 2)) {
      for (const sql of m.sqlite) db.exec(sql)
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'x')
    }
    db.prepare(
      `INSERT INTO sources (id, sha256, kind, media_type, byte_length, text, text_length, retrieved_at, created_at)
       VALUES ('src_old', ?, 'news', 'text/plain', 40, 'A drone strike hit Datta Khel on Monday.', 40, 'x', 'x')`,
    ).run('0'.repeat(64))
    db.close()
    const store = await openStore({ kind: 'sqlite', path })
    try {
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION)
      expect((await store.sources.search('Datta Khel')).items.map((s) => s.id)).toEqual(['src_old'])
      const text = 'id: X1\nfatalities: 3\nnotes: Strike near Shawal killed three.'
      await store.sources.add({ ...sourceInput(text, { kind: 'dataset' }), searchText: 'Strike near Shawal killed three.' }, { actor: 'test' })
      const hit = await store.sources.search('Shawal')
      expect(hit.total).toBe(1)
      // The snippet comes from the text indexed: the row's prose.
      expect(hit.items[0]!.snippet).toContain('«Shawal»')
      // The codes and numbers of a row are not searched.
      expect((await store.sources.search('fatalities')).total).toBe(0)
    } finally {
      await store.close()
    }
  })

  it('upgrades a version 13 database: editors\' places and dates are marked from their history, and victims are searchable', async () => {
    const path = join(dir, 'v13.db')
    const db = databaseAtVersion(path, 13)
    for (const [sql, params] of V13_ROWS) db.prepare(sql).run(...params)
    db.close()
    const store = await openStore({ kind: 'sqlite', path })
    try {
      await expectEditorSetUpgrade(store)
    } finally {
      await store.close()
    }
  })

  it('upgrades a version 8 database, giving each incident the span class its period has, so candidates find it', async () => {
    const path = join(dir, 'v8.db')
    const db = databaseAtVersion(path, 8)
    const add = db.prepare(
      `INSERT INTO incidents (id, date_start, date_end, date_last, date, country, victims, status, figures, source_count, created_at, updated_at)
       VALUES (?, ?, ?, ?, '{}', 'PK', '[]', 'active', '[]', 0, 'x', 'x')`,
    )
    const want = new Map<string, number | null>()
    for (const len of SPAN_LENGTHS) {
      const start = addDays('2011-03-01', -len)
      const last = addDays(start, len)
      add.run(`inc_${len}`, start, len === 0 ? null : last, last)
      want.set(`inc_${len}`, dateSpanClass(start, last))
    }
    add.run('inc_undated', null, null, null)
    want.set('inc_undated', null)
    db.close()
    const store = await openStore({ kind: 'sqlite', path })
    try {
      expect((await store.incidents.candidates({ date: { start: '2011-03-01', end: '2011-03-01', precision: 'day' }, limit: 100 })).map((i) => i.id).sort()).toEqual(
        SPAN_LENGTHS.map((l) => `inc_${l}`).sort(),
      )
    } finally {
      await store.close()
    }
    const after = new Database(path, { readonly: true })
    try {
      expect(new Map((after.prepare('SELECT id, date_span FROM incidents').all() as { id: string; date_span: number | null }[]).map((r) => [r.id, r.date_span]))).toEqual(want)
    } finally {
      after.close()
    }
  })

  it('upgrades a version 7 database to named unique id indexes, keeping every row, its number and its full-text entry', async () => {
    const path = join(dir, 'v7.db')
    const db = databaseAtVersion(path, 7)
    const addSource = db.prepare(
      `INSERT INTO sources (seq, id, sha256, kind, media_type, byte_length, text, text_length, retrieved_at, created_at, search_text)
       VALUES (?, ?, ?, 'news', 'text/plain', 40, ?, 40, 'x', 'x', ?)`,
    )
    addSource.run(5, 'src_a', 'a'.repeat(64), 'A drone strike hit Datta Khel on Monday.', null)
    addSource.run(9, 'src_b', 'b'.repeat(64), 'id: B\nnotes: Strike near Shawal.', 'Strike near Shawal.')
    db.prepare(
      `INSERT INTO claims (seq, id, source_id, measure, category, qualifier, scope, period, quote, span_start, span_end, extractor, names, status, created_at, updated_at)
       VALUES (3, 'clm_a', 'src_a', 'killed', 'total', 'exact', 'incident', '{}', 'hit', 0, 3, 'x', '[]', 'proposed', 'x', 'x')`,
    ).run()
    db.close()
    const store = await openStore({ kind: 'sqlite', path })
    try {
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION)
      expect((await store.sources.search('Datta Khel')).items.map((h) => h.id)).toEqual(['src_a'])
      expect((await store.sources.search('Shawal')).items.map((h) => h.id)).toEqual(['src_b'])
      expect((await store.claims.get('clm_a' as ClaimId))?.sourceId).toBe('src_a')
      // New rows are indexed for search as before.
      await store.sources.add(sourceInput('A drone strike hit Mir Ali.'), { actor: 'test' })
      expect((await store.sources.search('Mir Ali')).total).toBe(1)
    } finally {
      await store.close()
    }
    const after = new Database(path, { readonly: true })
    try {
      expect(after.prepare('SELECT seq, id FROM sources ORDER BY seq').all()).toEqual([{ seq: 5, id: 'src_a' }, { seq: 9, id: 'src_b' }, { seq: 10, id: expect.stringMatching(/^src_/) }])
      const indexes = (table: string): string[] => (after.prepare('SELECT name FROM sqlite_master WHERE type = ? AND tbl_name = ? ORDER BY name').all('index', table) as { name: string }[]).map((r) => r.name)
      expect(indexes('sources')).toEqual(['sources_id', 'sources_row_key'])
      expect(indexes('claims')).toEqual(['claims_id', 'claims_incident', 'claims_source'])
      expect(after.prepare('PRAGMA foreign_key_check').all()).toEqual([])
      expect(() => after.prepare("SELECT * FROM sources WHERE id = 'src_a'").get()).not.toThrow()
    } finally {
      after.close()
    }
    // The names are unique indexes: a second row with a stored id is refused.
    const raw = new Database(path)
    try {
      expect(() => raw.prepare("INSERT INTO sources (id, sha256, kind, media_type, byte_length, text, text_length, retrieved_at, created_at) VALUES ('src_a', 'x', 'news', 'text/plain', 1, 'x', 1, 'x', 'x')").run()).toThrow(/UNIQUE/)
    } finally {
      raw.close()
    }
  })

  it('while one store loads into an empty file with the id indexes aside, another refuses to add sources or claims', async () => {
    const path = join(dir, 'two-writers.db')
    const loader = openSqliteStore(path)
    const other = openSqliteStore(path)
    const ctx = { actor: 'test' }
    try {
      expect(await loader.bulk.deferIndexes()).toBe(15)
      const refused = await other.sources.add(sourceInput('A drone strike hit Datta Khel.'), ctx).catch((e: unknown) => e)
      expect(hasCode(refused, 'conflict')).toBe(true)
      expect((refused as Error).message).toMatch(/bulk import \(process .+:\d+\) is loading this database/)
      expect(hasCode(await other.bulk.importRecords([], ctx).catch((e: unknown) => e), 'conflict')).toBe(true)
      const { source } = await loader.sources.add(sourceInput('A drone strike hit Mir Ali.'), ctx)
      // The loader's own write put the id indexes back, so the other store may write again.
      expect((await other.sources.add(sourceInput('A drone strike hit Datta Khel.'), ctx)).created).toBe(true)
      expect(await other.claims.addForSource(source.id, [], ctx)).toEqual([])
      expect(await loader.bulk.restoreIndexes()).toBe(13)
      expect(await other.sources.count()).toBe(2)
    } finally {
      await other.close()
      await loader.close()
    }
  })

  it('restoring leaves alone what a load still running in another process set aside, and takes it back once that process is gone', async () => {
    const path = join(dir, 'other-process.db')
    const store = openSqliteStore(path)
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' })
    try {
      expect(await store.bulk.deferIndexes()).toBe(15)
      const raw = new Database(path)
      raw.prepare('UPDATE deferred_indexes SET owner = ?').run(`${hostname()}:${running.pid}`)
      raw.close()
      expect(await store.bulk.restoreIndexes()).toBe(0)
      const other = openSqliteStore(path)
      expect(hasCode(await other.sources.add(sourceInput('A drone strike hit Datta Khel.'), { actor: 'test' }).catch((e: unknown) => e), 'conflict')).toBe(true)
      await other.close()
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGKILL')
      await exited
      expect(await store.bulk.restoreIndexes()).toBe(15)
    } finally {
      running.kill('SIGKILL')
      await store.close()
    }
  })

  it('a store open before a load was killed takes the id indexes back at its next write instead of refusing it', async () => {
    const path = join(dir, 'killed-loader.db')
    const other = openSqliteStore(path)
    const ctx = { actor: 'test' }
    try {
      // A load that set the indexes aside and was then killed: its process has exited.
      const loader = openSqliteStore(path)
      expect(await loader.bulk.deferIndexes()).toBe(15)
      await loader.close()
      const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
      const raw = new Database(path)
      raw.prepare('UPDATE deferred_indexes SET owner = ?').run(`${hostname()}:${exited}`)
      raw.close()
      expect((await other.sources.add(sourceInput('A drone strike hit Datta Khel.'), ctx)).created).toBe(true)
      expect((await other.sources.add(sourceInput('A drone strike hit Datta Khel.'), ctx)).created).toBe(false)
      const check = new Database(path, { readonly: true })
      expect(check.prepare("SELECT name FROM deferred_indexes WHERE name IN ('sources_id', 'claims_id')").all()).toEqual([])
      check.close()
    } finally {
      await other.close()
    }
  })

  it('refuses a database from a newer schema without changing it', async () => {
    const path = join(dir, 'newer.db')
    const store = openSqliteStore(path)
    await store.sources.add(sourceInput('written by the newer version'), { actor: 'test' })
    await store.close()
    const db = new Database(path)
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 1, 'from the future', 'x')
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    const bytes = readFileSync(path)
    const err = await openStore({ kind: 'sqlite', path }).catch((e: unknown) => e)
    expect(hasCode(err, 'schema_too_new')).toBe(true)
    expect((err as Error).message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 1}`)
    expect(hasCode(await migrateStore({ kind: 'sqlite', path }).catch((e: unknown) => e), 'schema_too_new')).toBe(true)
    expect(readFileSync(path).equals(bytes)).toBe(true)
  })

  it('reports a file that is not a database as store_unreachable', async () => {
    const path = join(dir, 'junk.db')
    writeFileSync(path, 'this is not a database at all, just some text that is long enough '.repeat(20))
    const err = await openStore({ kind: 'sqlite', path }).catch((e: unknown) => e)
    expect(hasCode(err, 'store_unreachable')).toBe(true)
    expect((err as Error).message).toContain(path)
  })

  it('turns SQLite\'s full-disk error into storage_full and leaves other errors as they are', () => {
    const db = new Database(':memory:')
    // A database at its max_page_count fails its writes with SQLITE_FULL, exactly as a full disk does.
    db.exec('CREATE TABLE t (x TEXT)')
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true })) + 2}`)
    let full: unknown = null
    try {
      for (let i = 0; i < 1000; i++) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(4000))
    } catch (e) {
      full = e
    }
    expect((full as { code?: string }).code).toBe('SQLITE_FULL')
    expect(hasCode(sqliteError(full), 'storage_full')).toBe(true)
    const other = (() => {
      try {
        db.exec('INSERT INTO missing VALUES (1)')
      } catch (e) {
        return e
      }
    })()
    expect(sqliteError(other)).toBe(other)
    db.close()
  })
})
