#!/usr/bin/env node
/**
 * @module Extraction time against the length of one text: one 1, 4 and 16 MB text in two shapes, reporting CPU
 * milliseconds per MB (flat per-MB figures mean linear time). "prose" is paragraphs of real report sentences;
 * "run-on" is the same words with no full stops and no paragraph breaks (a table dumped from a PDF, a pasted
 * list), the shape that used to make extraction quadratic. The baseline in the same run is the tokenizer alone.
 * Run `npm run build && node bench/extract-scaling.mjs [sizes in MB, default 1,4,16] [dist folder]`.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const sizes = (process.argv[2] ?? '1,4,16').split(',').map(Number)
const dist = pathToFileURL(resolve(process.argv[3] ?? new URL('../dist', import.meta.url).pathname)).href
const { extract } = await import(`${dist}/extraction/index.js`)
const { tokenize } = await import(`${dist}/extraction/tokens.js`)
const here = (p) => new URL(p, import.meta.url)

// Real sentences: the seed article and the sample reports (written for this repository).
const sources = [readFileSync(here('../test/fixtures/seed-article.txt'), 'utf8')]
for (const f of readdirSync(here('../samples/'))) if (f.endsWith('.txt')) sources.push(readFileSync(here(`../samples/${f}`), 'utf8'))
const sentences = [...new Set(sources.join('\n').replace(/\s+/g, ' ').split(/(?<=[.!?][”"’']?)\s+(?=[A-Z0-9“"])/).map((s) => s.trim()).filter((s) => s.length > 20))]

// A seeded generator, so every run measures the same texts.
let seed = 42
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)
function prose(bytes) {
  const parts = []
  let n = 0
  while (n < bytes) {
    const k = 1 + Math.floor(rand() * 6)
    const p = Array.from({ length: k }, () => sentences[Math.floor(rand() * sentences.length)]).join(' ')
    parts.push(p)
    n += p.length + 2
  }
  return parts.join('\n\n')
}
const runOn = (bytes) => prose(bytes).replace(/[.!?]/g, '').replace(/\s+/g, ' ')

const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
function time(fn) {
  const s = cpuMs()
  const out = fn()
  return { ms: cpuMs() - s, out }
}

extract(prose(200_000), { published: '2013-11-04' }) // warm up the JIT and the gazetteer index
console.log(`extraction from ${dist}`)
console.log('shape    MB  tokenize ms/MB  extract ms  extract ms/MB  claims  peak RSS MB')
for (const shape of ['prose', 'run-on']) {
  for (const mb of sizes) {
    const text = (shape === 'prose' ? prose : runOn)(mb * 1e6)
    const t = time(() => tokenize(text).length)
    const e = time(() => extract(text, { published: '2013-11-04' }).claims.length)
    const rss = process.resourceUsage().maxRSS / 1024
    console.log(`${shape.padEnd(7)} ${String(mb).padStart(3)}  ${(t.ms / mb).toFixed(0).padStart(14)}  ${e.ms.toFixed(0).padStart(10)}  ${(e.ms / mb).toFixed(0).padStart(13)}  ${String(e.out).padStart(6)}  ${rss.toFixed(0).padStart(11)}`)
  }
}
