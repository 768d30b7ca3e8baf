#!/usr/bin/env node
/**
 * @module Importing into a store that already holds rows, with matching on, beside importing into an empty one, in
 * one run, through the built CLI (`reckon import`, a process per step, as a user runs it) on SQLite and, when
 * TEST_DATABASE_URL (or BENCH_DATABASE_URL) is set, PostgreSQL. Issue 22 item 5: importing N rows into a store of N
 * should cost within 2x of importing them into an empty one (10,000 into 10,000 took 40.8 s against 1.0 s, 34 s of
 * it the matcher's candidate query). Steps, per store:
 *
 *   empty   N generated ACLED rows into an empty store (nothing to match against: matching is skipped, as by the CLI)
 *   full    N more rows of the same layout (other ids, the same days and places) into that store, matching on
 *   again   the second file once more: every row already stored, so nothing is matched (a finished import resumed)
 *   half    the first N/2 rows of a third file (other ids again): what a killed import had stored
 *   resume  the whole third file: its first half already stored, the second half imported and matched (the re-run
 *           of a killed import, which should take about what its remaining rows take: compare with half)
 *
 *   npm run build && node bench/import-resume.mjs [rows] [--batch N] [--no-pg]
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeAcledFile } from './acled-rows.mjs'

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
const args = process.argv.slice(2)
const flag = (name) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const rows = Number(args.find((a) => /^\d+$/.test(a) && args[args.indexOf(a) - 1] !== '--batch') ?? 100_000)
const batch = Number(flag('--batch') ?? 5000)
const pgUrl = args.includes('--no-pg') ? undefined : (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL)

/** Runs `reckon import` on `file` into `url`; resolves with its wall time in seconds and its last line. */
async function importFile(url, file) {
  const t0 = performance.now()
  const child = spawn(process.execPath, [main, 'import', '--format', 'acled', '--batch', String(batch), file], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  const [code] = await once(child, 'exit')
  if (code !== 0) throw new Error(`reckon import exited ${code}: ${out}`)
  return { seconds: (performance.now() - t0) / 1000, line: out.trim().split('\n').pop() }
}

async function runStore(name, url, first, second, third) {
  const empty = await importFile(url, first)
  const full = await importFile(url, second)
  const again = await importFile(url, second)
  const half = await importFile(url, third.half)
  const resume = await importFile(url, third.whole)
  return { name, empty, full, again, half, resume }
}

const dir = mkdtempSync(join(tmpdir(), 'reckon-bench-resume-'))
try {
  const first = join(dir, 'first.csv')
  const second = join(dir, 'second.csv')
  await writeAcledFile(first, rows, 0)
  await writeAcledFile(second, rows, rows)
  const third = { half: join(dir, 'third-half.csv'), whole: join(dir, 'third.csv') }
  await writeAcledFile(third.half, Math.floor(rows / 2), 2 * rows)
  await writeAcledFile(third.whole, rows, 2 * rows)
  const results = [await runStore('SQLite', join(dir, 'bench.db'), first, second, third)]
  if (pgUrl) {
    const { createBenchDatabase } = await import('./pg-database.mjs')
    const db = await createBenchDatabase(pgUrl)
    try {
      results.push(await runStore('PostgreSQL', db.url, first, second, third))
    } finally {
      await db.drop()
    }
  }
  console.log(`\nimport of ${rows.toLocaleString('en')} ACLED rows, batches of ${batch}, matching on (skipped into an empty store)\n`)
  console.log('store        into empty s   into a store of N s   ratio   all already stored s   N/2 rows s   N/2 stored + N/2 new s   ratio')
  for (const r of results) {
    const ratio = r.full.seconds / r.empty.seconds
    const resumed = r.resume.seconds / r.half.seconds
    console.log(
      `${r.name.padEnd(12)} ${r.empty.seconds.toFixed(1).padStart(12)}   ${r.full.seconds.toFixed(1).padStart(19)}   ${ratio.toFixed(2).padStart(5)}   ${r.again.seconds.toFixed(1).padStart(20)}` +
        `   ${r.half.seconds.toFixed(1).padStart(10)}   ${r.resume.seconds.toFixed(1).padStart(20)}   ${resumed.toFixed(2).padStart(5)}`,
    )
  }
  for (const r of results) console.log(`\n${r.name}:\n  empty:  ${r.empty.line}\n  full:   ${r.full.line}\n  again:  ${r.again.line}\n  half:   ${r.half.line}\n  resume: ${r.resume.line}`)
  console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
