#!/usr/bin/env node
/**
 * @module Benchmarks extraction throughput on a generated corpus (≥ 20 MB) of real sentences, against a baseline
 * run in the same process: a plain regex sentence-splitting pass over the same documents.
 * Run `npm run build && node bench/extract.mjs [MB]`. Prints MB/s per core, documents/s, and the ratio.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { extract } from '../dist/extraction/index.js'

const targetMb = Number(process.argv[2] ?? 20)
const here = (p) => new URL(p, import.meta.url)

// Real sentences: the seed article, the sample reports, and recorders' narratives of the dev set.
const sources = [readFileSync(here('../test/fixtures/seed-article.txt'), 'utf8')]
try {
  for (const f of readdirSync(here('../samples/'))) if (f.endsWith('.txt')) sources.push(readFileSync(here(`../samples/${f}`), 'utf8'))
} catch { /* samples are optional */ }
// The whole eval set where it sits beside the clone, else the 50 narratives the tests carry.
for (const set of ['../../shared/eval/dronestream-dev.jsonl', '../test/fixtures/datasets/dronestream-narratives.jsonl']) {
  try {
    for (const l of readFileSync(here(set), 'utf8').split('\n')) if (l) sources.push(JSON.parse(l).text)
    break
  } catch { /* try the next */ }
}
const sentences = [...new Set(sources.join('\n').replace(/\s+/g, ' ').split(/(?<=[.!?][”"’']?)\s+(?=[A-Z0-9“"])/).map((s) => s.trim()).filter((s) => s.length > 20))]

// A seeded generator, so every run measures the same corpus.
let seed = 42
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)
const docs = []
let bytes = 0
while (bytes < targetMb * 1e6) {
  const paragraphs = []
  const nPara = 2 + Math.floor(rand() * 6)
  for (let p = 0; p < nPara; p++) {
    const n = 1 + Math.floor(rand() * 6)
    const ss = []
    for (let k = 0; k < n; k++) ss.push(sentences[Math.floor(rand() * sentences.length)])
    paragraphs.push(ss.join(' '))
  }
  const doc = paragraphs.join('\n\n')
  docs.push(doc)
  bytes += Buffer.byteLength(doc)
}
const mb = bytes / 1e6

function baseline() {
  let n = 0
  for (const d of docs) n += d.split(/(?<=[.!?])\s+/).length
  return n
}
function run() {
  let n = 0
  for (const d of docs) n += extract(d, { published: '2013-11-04' }).claims.length
  return n
}
// CPU time of this process (user + system), not wall time: the machine may be shared, and the figure is per core.
const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
function time(fn, runs) {
  let best = Infinity
  let out
  for (let i = 0; i < runs; i++) {
    const s = cpuMs()
    out = fn()
    best = Math.min(best, cpuMs() - s)
  }
  return { ms: best, out }
}

run() // warm up the JIT and the gazetteer index
const b = time(baseline, 3)
const e = time(run, 2)
const rate = (ms) => (mb / (ms / 1000)).toFixed(2)
console.log(`corpus: ${mb.toFixed(1)} MB, ${docs.length} documents from ${sentences.length} distinct real sentences`)
console.log(`baseline (regex sentence split): ${rate(b.ms)} MB/s, ${(docs.length / (b.ms / 1000)).toFixed(0)} docs/s, ${b.out} sentences`)
console.log(`extract: ${rate(e.ms)} MB/s per core, ${(docs.length / (e.ms / 1000)).toFixed(0)} docs/s, ${e.out} claims`)
console.log(`ratio extract/baseline: ${(b.ms / e.ms).toFixed(3)} (extraction takes ${(e.ms / b.ms).toFixed(1)}x the time of a sentence split)`)
console.log(`target >= 2 MB/s per core: ${Number(rate(e.ms)) >= 2 ? 'met' : 'NOT met'}`)
