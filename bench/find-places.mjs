#!/usr/bin/env node
/**
 * @module Benchmarks findPlaces (token trie, one pass) against a baseline: one big case-sensitive alternation regex over
 * every name and alias the trie matches. Run `npm run build && node bench/find-places.mjs`. Prints MB/s and the ratio.
 */
import { existsSync, readFileSync } from 'node:fs'
import { findPlaces, gazetteerIndex } from '../dist/gazetteer/index.js'

const seed = readFileSync(new URL('../test/fixtures/seed-article.txt', import.meta.url), 'utf8')
// The whole eval set where it sits beside the clone, else the 50 narratives the tests carry.
const evalFile = ['../../shared/eval/dronestream-dev.jsonl', '../test/fixtures/datasets/dronestream-narratives.jsonl']
  .map((p) => new URL(p, import.meta.url)).find((u) => existsSync(u))
const evalTexts = readFileSync(evalFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text).join('\n')
const unit = `${seed}\n${evalTexts}\n`
const text = unit.repeat(Math.ceil(4e6 / unit.length))
const mb = Buffer.byteLength(text) / 1e6

let t = performance.now()
gazetteerIndex(); findPlaces('warm up')
const buildMs = performance.now() - t

// Baseline: every in-text alias as written, longest first, in one regex with word boundaries.
const names = new Set()
for (const e of gazetteerIndex().entries) { if (e.textSafe) names.add(e.name); for (const a of e.aliases) names.add(a) }
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
t = performance.now()
const big = new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...names].sort((a, b) => b.length - a.length).map(esc).join('|')})(?![\\p{L}\\p{N}])`, 'gu')
const regexBuildMs = performance.now() - t

function time(fn, runs = 3) {
  let best = Infinity; let out
  for (let i = 0; i < runs; i++) { const s = performance.now(); out = fn(); best = Math.min(best, performance.now() - s) }
  return { ms: best, out }
}
const trie = time(() => findPlaces(text).length)
const regex = time(() => [...text.matchAll(big)].length)
console.log(`text: ${mb.toFixed(1)} MB; trie build ${buildMs.toFixed(0)} ms, regex build ${regexBuildMs.toFixed(0)} ms`)
console.log(`findPlaces (token trie): ${(mb / (trie.ms / 1000)).toFixed(2)} MB/s, ${trie.out} mentions`)
console.log(`baseline (one big regex): ${(mb / (regex.ms / 1000)).toFixed(2)} MB/s, ${regex.out} matches`)
console.log(`ratio trie/regex: ${(regex.ms / trie.ms).toFixed(2)}x`)
