#!/usr/bin/env node
/**
 * @module Imports N generated ACLED-layout rows (default 1,000,000) from a CSV file on disk into SQLite and into
 * PostgreSQL through the same code as `reckon import`, and reports rows/s and peak memory side by side, beside a
 * baseline in the same run: reading and parsing the same file without storing it, so the ratio shows what the store
 * costs. Each target runs in a child process of its own (node --expose-gc), so each peak RSS is that target's alone.
 * Memory is sampled after a full GC at each quarter of the run; it counts as flat when the last quarter's RSS is
 * within 20% of the first's. The SQLite target is 20,000 rows/s (issue 7). "rebuild s" is the part of the time spent
 * after the last batch: rebuilding what the load set aside (SQLite). Closing the store comes after the clock stops:
 * every row is committed (durable in the WAL) by then. As `reckon import` does into an empty store, the list and
 * totals indexes, SQLite's index of claims by source, its unique indexes on source and claim ids and its full-text
 * indexing are set aside during the load and rebuilt at the end (the rebuild is in the time). The SQLite child
 * checkpoints its WAL on a second thread after each batch (WalCheckpointer), so it can use two cores, and its peak
 * RSS includes that thread.
 *
 * A third row, "SQLite floor", times what SQLite alone costs for the same rows: the SQLite target's rows, read back
 * off the clock and inserted already built into a fresh store with the same indexes set aside, then the same
 * rebuild (see floorChild). No import into this schema can beat it; the gap to the SQLite row is what JavaScript
 * costs (parsing, hashing, building rows). --no-floor skips it.
 *
 *   npm run build && node bench/import.mjs [rows] [--batch N] [--pg-rows N] [--keep-file] [--no-floor]
 *
 * PostgreSQL runs when TEST_DATABASE_URL (or BENCH_DATABASE_URL) is set; it gets a fresh database, dropped after.
 */
import { spawn } from 'node:child_process'
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { writeAcledFile } from './acled-rows.mjs'

const SQLITE_TARGET = 20_000
const FLAT_WITHIN = 0.2

const mb = (bytes) => bytes / 2 ** 20

/** In a child: runs one target over the file and prints one JSON line with its rate and memory. */
async function child(target, file, rows, batchSize, dbPath) {
  if (target === 'floor') return floorChild(dbPath, batchSize)
  const { importDataset } = await import('../dist/app/import-dataset.js')
  const { readAcled } = await import('../dist/importers/acled.js')
  const quarters = []
  const step = Math.max(1, Math.floor(rows / 4))
  let next = step
  const t0 = performance.now()
  const sample = (done) => {
    // After a full collection, what is left is what the import holds, not garbage waiting to be collected.
    global.gc()
    const m = process.memoryUsage()
    quarters.push({ rows: done, seconds: (performance.now() - t0) / 1000, rssMb: mb(m.rss), heapMb: mb(m.heapUsed) })
  }
  // The last report comes after the last batch is stored and before the set-aside indexes are rebuilt.
  let loaded = 0
  const onProgress = (p) => {
    loaded = performance.now()
    while (p.rows >= next && quarters.length < 4) {
      sample(p.rows)
      next += step
    }
  }
  const stream = () => createReadStream(file, { highWaterMark: 1 << 20 })
  let stored = 0
  let cleanup = async () => {}
  if (target === 'parse') {
    let n = 0
    for await (const it of readAcled(stream())) {
      if ('record' in it) n++
      if (n % batchSize === 0) onProgress({ rows: n })
    }
    stored = n
  } else if (target === 'sqlite') {
    const { openSqliteStore } = await import('../dist/storage/sqlite/sqlite-store.js')
    // The floor target reads this database afterwards; the parent removes it.
    const store = openSqliteStore(dbPath)
    cleanup = () => store.close()
    stored = (await importDataset(store, 'acled', stream(), { ctx: { actor: 'bench' }, batchSize, onProgress, deferIndexes: true })).sources
  } else {
    const { openPostgresStore } = await import('../dist/storage/postgres/postgres-store.js')
    const { createBenchDatabase } = await import('./pg-database.mjs')
    const db = await createBenchDatabase(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL)
    const store = await openPostgresStore(db.url)
    cleanup = async () => {
      await store.close()
      await db.drop()
    }
    stored = (await importDataset(store, 'acled', stream(), { ctx: { actor: 'bench' }, batchSize, onProgress, deferIndexes: true })).sources
  }
  const done = performance.now()
  const seconds = (done - t0) / 1000
  const rebuildSeconds = target === 'parse' ? 0 : (done - loaded) / 1000
  if (quarters.length < 4) sample(stored)
  await cleanup()
  // maxRSS is the kernel's high-water mark for this process (KiB): the true peak, not a sample of it.
  process.stdout.write(JSON.stringify({ target, rows: stored, seconds, rebuildSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024, quarters }) + '\n')
}

/**
 * In a child: the floor under the SQLite figure. It reads back the rows the SQLite target stored (off the clock) and
 * times only inserting them, already built, into a fresh store with the same indexes set aside, in batches of the
 * same size and a transaction each, with the same checkpointing thread, then the same rebuild. That is what SQLite
 * alone costs for these rows and indexes, with no parsing, hashing, row building or JSON: no import of this data
 * into this schema can be faster. (The import's few other writes, a revision per batch and the totals cube, are left out.)
 */
async function floorChild(loadedPath, batchSize) {
  const { default: Database } = await import('better-sqlite3')
  const { openSqliteStore } = await import('../dist/storage/sqlite/sqlite-store.js')
  const { WalCheckpointer } = await import('../dist/storage/sqlite/wal-checkpointer.js')
  const dir = mkdtempSync(join(tmpdir(), 'reckon-bench-floor-'))
  const path = join(dir, 'floor.db')
  try {
    // The store's own schema and set-aside state, recorded as this process's: opening it again restores nothing.
    const prepared = openSqliteStore(path)
    await prepared.bulk.deferIndexes()
    await prepared.close()
    const from = new Database(loadedPath, { readonly: true })
    const db = new Database(path)
    for (const p of ['synchronous = NORMAL', 'cache_size = -131072', 'wal_autocheckpoint = 16384', 'foreign_keys = OFF']) db.pragma(p)
    const checkpointer = new WalCheckpointer(path)
    const columns = (t) => from.prepare(`SELECT * FROM ${t} LIMIT 1`).columns().map((c) => c.name).filter((c) => c !== 'seq')
    const insert = (t) => db.prepare(`INSERT INTO ${t} (${columns(t).join(', ')}) VALUES (${columns(t).map(() => '?').join(', ')})`)
    const tables = ['sources', 'incidents', 'claims']
    const read = Object.fromEntries(tables.map((t) => [t, from.prepare(`SELECT ${columns(t).join(', ')} FROM ${t} WHERE seq > ? AND seq <= ? ORDER BY seq`).raw()]))
    const readFigures = from.prepare(`SELECT ${columns('incident_figures').join(', ')} FROM incident_figures WHERE incident_id IN (SELECT id FROM incidents WHERE seq > ? AND seq <= ?)`).raw()
    const put = { ...Object.fromEntries(tables.map((t) => [t, insert(t)])), incident_figures: insert('incident_figures') }
    const count = Object.fromEntries(tables.map((t) => [t, from.prepare(`SELECT count(*) AS n FROM ${t}`).get().n]))
    const n = count.sources
    let clock = 0
    for (let i = 0; i < n; i += batchSize) {
      const end = Math.min(n, i + batchSize)
      // Each table's share of the batch, by row number: the rows one batch of the import stored together.
      const range = (t) => [Math.floor((i * count[t]) / n), Math.floor((end * count[t]) / n)]
      const rows = Object.fromEntries(tables.map((t) => [t, read[t].all(...range(t))]))
      rows.incident_figures = readFigures.all(...range('incidents'))
      const t0 = performance.now()
      db.transaction(() => {
        for (const t of [...tables, 'incident_figures']) for (const r of rows[t]) put[t].run(...r)
      }).immediate()
      checkpointer.request()
      clock += performance.now() - t0
    }
    from.close()
    await checkpointer.close()
    db.close()
    const store = openSqliteStore(path)
    const t0 = performance.now()
    await store.bulk.restoreIndexes()
    const rebuild = performance.now() - t0
    const copied = await store.sources.count()
    await store.close()
    if (copied !== n) throw new Error(`the floor store holds ${copied} sources, not ${n}`)
    const seconds = (clock + rebuild) / 1000
    const m = process.memoryUsage()
    const quarter = { rows: n, seconds, rssMb: mb(m.rss), heapMb: mb(m.heapUsed) }
    process.stdout.write(JSON.stringify({ target: 'floor', rows: n, seconds, rebuildSeconds: rebuild / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, quarters: [quarter] }) + '\n')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs one target in a child process of its own and returns what it printed. */
function runChild(target, file, rows, batchSize, dbPath = '') {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', target, file, String(rows), String(batchSize), dbPath], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    p.stdout.on('data', (d) => (out += d))
    p.on('error', reject)
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`${target} exited with ${code}`))))
  })
}

const args = process.argv.slice(2)
if (args[0] === '--child') {
  await child(args[1], args[2], Number(args[3]), Number(args[4]), args[5])
} else {
  const num = (flag, dflt) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : dflt)
  const rows = Number(args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')) ?? 1_000_000)
  const batchSize = num('--batch', 5000)
  const pgRows = num('--pg-rows', rows)
  const dir = mkdtempSync(join(tmpdir(), 'reckon-bench-file-'))
  try {
    const file = join(dir, 'acled.csv')
    const pgFile = join(dir, 'acled-pg.csv')
    let t = performance.now()
    await writeAcledFile(file, rows)
    if (pgRows !== rows) await writeAcledFile(pgFile, pgRows)
    console.log(`generated ${rows} ACLED rows (${mb(statSync(file).size).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s; batches of ${batchSize}`)
    const dbPath = join(dir, 'bench.db')
    const results = [await runChild('parse', file, rows, batchSize), await runChild('sqlite', file, rows, batchSize, dbPath)]
    if (!args.includes('--no-floor')) results.push(await runChild('floor', file, rows, batchSize, dbPath))
    for (const f of ['', '-wal', '-shm']) rmSync(dbPath + f, { force: true })
    if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL) results.push(await runChild('postgres', pgRows === rows ? file : pgFile, pgRows, batchSize))
    else console.log('PostgreSQL skipped: set TEST_DATABASE_URL or BENCH_DATABASE_URL')

    const label = { parse: 'parse only (baseline)', sqlite: 'SQLite', floor: 'SQLite floor (built rows)', postgres: 'PostgreSQL' }
    const baseRate = results[0].rows / results[0].seconds
    const flat = (r) => r.quarters[r.quarters.length - 1].rssMb <= r.quarters[0].rssMb * (1 + FLAT_WITHIN)
    console.log(`\n${'target'.padEnd(28)}${'rows'.padStart(10)}${'seconds'.padStart(10)}${'rebuild s'.padStart(11)}${'rows/s'.padStart(10)}${'vs parse'.padStart(10)}${'peak RSS MB'.padStart(13)}  memory`)
    for (const r of results) {
      const rate = r.rows / r.seconds
      console.log(`${label[r.target].padEnd(28)}${String(r.rows).padStart(10)}${r.seconds.toFixed(1).padStart(10)}${r.rebuildSeconds.toFixed(1).padStart(11)}${rate.toFixed(0).padStart(10)}${(rate / baseRate).toFixed(2).padStart(10)}${r.peakRssMb.toFixed(0).padStart(13)}  ${r.target === 'floor' ? '-' : flat(r) ? 'flat' : 'GROWS'}`)
    }
    console.log(`\nmemory after a full GC at each quarter (flat: last quarter's RSS within ${FLAT_WITHIN * 100}% of the first's):`)
    for (const r of results.filter((r) => r.target !== 'floor')) {
      const qs = r.quarters.map((q) => `${q.rows} rows ${q.seconds.toFixed(0)} s: RSS ${q.rssMb.toFixed(0)} MB, heap ${q.heapMb.toFixed(0)} MB`).join(' | ')
      const growth = ((r.quarters[r.quarters.length - 1].rssMb / r.quarters[0].rssMb - 1) * 100).toFixed(0)
      console.log(`  ${label[r.target]}: ${qs}  → ${flat(r) ? 'flat' : 'not flat'} (${growth >= 0 ? '+' : ''}${growth}%)`)
    }
    const sqlite = results.find((r) => r.target === 'sqlite')
    const sqliteRate = sqlite.rows / sqlite.seconds
    console.log(`\nSQLite target ${SQLITE_TARGET} rows/s: ${sqliteRate >= SQLITE_TARGET ? 'met' : 'NOT met'} (${sqliteRate.toFixed(0)} rows/s)`)
    if (args.includes('--keep-file')) console.log(`file kept: ${file}`)
  } finally {
    if (!args.includes('--keep-file')) rmSync(dir, { recursive: true, force: true })
  }
}
