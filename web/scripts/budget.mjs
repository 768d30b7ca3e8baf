/**
 * @module Measures the JavaScript a first page load fetches (the entry script and its static imports, gzipped) and
 * fails the build above the budget. Lazily loaded chunks (the map) are reported separately.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BUDGET = 300 * 1024
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length

// The entry and everything it imports statically (Vite lists those as modulepreload links).
const first = new Set()
for (const m of html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)) first.add(m[1])
for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g)) first.add(m[1])
// Static imports inside the entry, in case a chunk was not preloaded.
const queue = [...first]
while (queue.length) {
  const f = queue.pop()
  const src = readFileSync(join(dist, f), 'utf8')
  for (const m of src.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    const dep = join(dirname(f), m[1])
    if (!first.has(dep)) {
      first.add(dep)
      queue.push(dep)
    }
  }
}
const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`)
const firstBytes = [...first].reduce((s, f) => s + gz(f), 0)
const lazy = all.filter((f) => !first.has(f))
const lazyBytes = lazy.reduce((s, f) => s + gz(f), 0)
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const report = {
  budgetBytes: BUDGET,
  firstLoadJsGzipBytes: firstBytes,
  firstLoadFiles: [...first],
  lazyJsGzipBytes: lazyBytes,
  lazyFiles: lazy,
}
writeFileSync(join(dist, 'budget.json'), JSON.stringify(report, null, 2) + '\n')
console.log(`web budget: first page load JavaScript ${kb(firstBytes)} gzipped (budget ${kb(BUDGET)}); lazy chunks ${kb(lazyBytes)} gzipped`)
if (firstBytes > BUDGET) {
  console.error(`web budget exceeded: ${kb(firstBytes)} > ${kb(BUDGET)}`)
  process.exit(1)
}
