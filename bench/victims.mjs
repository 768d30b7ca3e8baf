// @ts-check
/**
 * @module Victims benchmark: what storing named victims adds to processing a source, and how long finding a victim by
 * name takes, on SQLite. Run after `npm run build`: `node bench/victims.mjs [reports]`.
 *
 * Generated reports (each naming two of its dead) are processed twice in one run, into two fresh stores: once as
 * Reckon does, once with the victims dropped from extraction's answer (the baseline: claims, linking and
 * reconciliation alone). Then victim search is timed over the first store (median of 200 queries).
 */
import { createHash } from 'node:crypto'
import { processSource, rulesExtractor } from '../dist/app/process-source.js'
import { openSqliteStore } from '../dist/storage/sqlite/sqlite-store.js'

const N = Number(process.argv[2] ?? 2000)
const GIVEN = ['Mohammed', 'Gul', 'Zarina', 'Abdul', 'Wali', 'Nasir', 'Samira', 'Hamid', 'Tariq', 'Omar', 'Ali', 'Yusuf']
const FAMILY = ['Khan', 'Rahman', 'Bibi', 'Wahid', 'Jan', 'Saleh', 'Hadi', 'Gul', 'Mahmood', 'Hassan', 'Abdi', 'Noor']
const PLACES = ['Miranshah', 'Mir Ali', 'Datta Khel', 'Wana', 'Razmak', 'Shewa']

/** The i-th report: a strike on its own day, naming two people killed. */
function report(i) {
  const d = new Date(Date.UTC(2008, 0, 1) + i * 86_400_000)
  const day = d.toISOString().slice(0, 10)
  const written = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  const a = `${GIVEN[i % GIVEN.length]} ${FAMILY[(i * 7) % FAMILY.length]}`
  const b = `${GIVEN[(i * 5 + 3) % GIVEN.length]} ${FAMILY[(i * 11 + 1) % FAMILY.length]}`
  const text = `A drone strike hit a house in ${PLACES[i % PLACES.length]}, North Waziristan, on ${written}, officials said. Those killed were ${a} and ${b}.`
  return { text, published: day }
}

/** Processes every report into a fresh in-memory store; returns the store and the seconds taken. */
async function run(extractor) {
  const store = openSqliteStore(':memory:')
  const ctx = { actor: 'bench' }
  const t0 = performance.now()
  for (let i = 0; i < N; i++) {
    const { text, published } = report(i)
    const sha256 = createHash('sha256').update(text).digest('hex')
    const input = { sha256, text, mediaType: 'text/plain', filename: null, byteLength: Buffer.byteLength(text), kind: 'news', publisher: 'Bench Wire', url: null, title: null, published, language: 'en' }
    const { source } = await store.sources.add(input, ctx)
    await processSource(store, source, ctx, extractor)
  }
  return { store, seconds: (performance.now() - t0) / 1000 }
}

const withoutVictims = async (source) => ({ claims: (await rulesExtractor(source)).claims })
// Baseline first and again last, so a warming process does not favour either side.
const base1 = await run(withoutVictims)
await base1.store.close()
const full = await run(rulesExtractor)
const base2 = await run(withoutVictims)
await base2.store.close()
const base = Math.min(base1.seconds, base2.seconds)
let victims = 0
const incidents = (await full.store.incidents.list({}, { limit: 1000 })).items
for (const inc of incidents) victims += (await full.store.victims.listForIncident(inc.id)).length
console.log(`reports: ${N}; ${victims} victims on the first ${incidents.length} incidents`)
if (victims === 0) throw new Error('no victims were stored: the reports no longer name any the extraction finds')
console.log(`processing without victims (baseline, best of 2): ${base.toFixed(2)} s (${(N / base).toFixed(0)} reports/s)`)
console.log(`processing with victims: ${full.seconds.toFixed(2)} s (${(N / full.seconds).toFixed(0)} reports/s), ${((full.seconds / base - 1) * 100).toFixed(1)}% over the baseline`)
const times = []
for (let k = 0; k < 200; k++) {
  const t = performance.now()
  await full.store.victims.search(['Muhammad', 'Husain Gul', 'zarina bibi', 'Abd al-Wahid'][k % 4], { limit: 20 })
  times.push(performance.now() - t)
}
times.sort((a, b) => a - b)
console.log(`victim search over ${2 * N} victims: median ${times[100].toFixed(2)} ms, p95 ${times[190].toFixed(2)} ms`)
await full.store.close()
