#!/usr/bin/env node
/**
 * @module Peak memory of `reckon ingest` of one large accepted file, as a user runs it (the built CLI, a process per
 * file, a fresh SQLite store each; the document read and extracted on its worker thread, then stored with its claims):
 * report texts of 10, 25 and 49 MB, and a PDF of many pages of the same prose. Prints the peak RSS of the whole
 * process (/usr/bin/time), the same for ingesting a 0.1 MB text (the constant: modules, gazetteer, worker thread,
 * store), and the difference per MB of extracted text. The prose is the samples' and the seed article's, repeated:
 * claim-dense (a figure every few hundred characters), so the claims are a large part of what is held.
 *
 *   npm run build && node bench/peak-memory.mjs [sizes in MB, default 10,25,49] [--pdf-mb N, default 8]
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const args = process.argv.slice(2)
const pdfAt = args.indexOf('--pdf-mb')
const pdfMb = pdfAt >= 0 ? Number(args[pdfAt + 1]) : 8
const sizes = (args.find((a, i) => /^[\d,.]+$/.test(a) && args[i - 1] !== '--pdf-mb') ?? '10,25,49').split(',').map(Number)
const here = (p) => fileURLToPath(new URL(p, import.meta.url))
// BENCH_CLI: another build of the CLI, to compare two versions on one machine.
const main = process.env.BENCH_CLI ?? here('../dist/cli/main.js')
const dir = mkdtempSync(join(tmpdir(), 'reckon-peak-'))

const sources = [readFileSync(here('../test/fixtures/seed-article.txt'), 'utf8')]
for (const f of readdirSync(here('../samples/'))) if (f.endsWith('.txt')) sources.push(readFileSync(here(`../samples/${f}`), 'utf8'))
const corpus = sources.join('\n\n') + '\n\n'

/** Peak RSS in MB of `reckon ingest file` into a fresh store, and the line it printed. */
function measure(file) {
  const db = join(dir, 'store.db')
  try {
    const r = spawnSync('/usr/bin/time', ['-f', 'peak-kb %M', process.execPath, main, 'ingest', file], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: db },
      maxBuffer: 1 << 24,
    })
    const peak = /peak-kb (\d+)/.exec(r.stderr)
    if (r.status !== 0 || peak === null) throw new Error(`reckon ingest ${file} failed: ${r.stdout}${r.stderr}`)
    return { rss: Number(peak[1]) / 1024, out: r.stdout.trim().split('\n').pop() }
  } finally {
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true })
  }
}

/** A PDF of pages of `text`, 40 lines of at most 90 characters a page, each page its own deflated content stream. */
function pdfOf(text) {
  const lines = text.replace(/\s+/g, ' ').match(/.{1,90}(\s|$)/g) ?? []
  const pages = []
  for (let i = 0; i < lines.length; i += 40) pages.push(lines.slice(i, i + 40))
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', null, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']
  const kids = []
  for (const page of pages) {
    const ops = page.map((l, k) => `BT /F1 10 Tf 40 ${800 - k * 19} Td (${l.trim().replace(/[()\\]/g, '\\$&').replace(/[^\x20-\x7e]/g, '?')}) Tj ET`).join('\n')
    const data = deflateSync(Buffer.from(ops, 'latin1'))
    objects.push(Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]))
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length} 0 R >>`)
    kids.push(`${objects.length} 0 R`)
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`
  const parts = [Buffer.from('%PDF-1.4\n', 'latin1')]
  const offsets = []
  let size = parts[0].length
  objects.forEach((body, i) => {
    offsets.push(size)
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')])
    parts.push(obj)
    size += obj.length
  })
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`, 'latin1'))
  return Buffer.concat(parts)
}

try {
  // The constant: a 0.1 MB text, over the size read and extracted on this thread, so the worker thread, its modules
  // and its gazetteer are counted in it as they are for any large file.
  const small = join(dir, 'small.txt')
  writeFileSync(small, corpus.repeat(Math.ceil(1e5 / corpus.length)).slice(0, 1e5))
  const base = measure(small)
  console.log(`0.1 MB text: peak RSS ${base.rss.toFixed(0)} MB (the constant)`)
  const cases = sizes.map((mb) => {
    const file = join(dir, `report-${mb}.txt`)
    writeFileSync(file, corpus.repeat(Math.ceil((mb * 1e6) / corpus.length)).slice(0, mb * 1e6))
    return { name: `${mb} MB text`, file, textMb: mb }
  })
  if (pdfMb > 0) {
    const text = corpus.repeat(Math.ceil((pdfMb * 1e6) / corpus.length)).slice(0, pdfMb * 1e6)
    const file = join(dir, `report-${pdfMb}.pdf`)
    writeFileSync(file, pdfOf(text))
    cases.push({ name: `PDF of ${(statSync(file).size / 1e6).toFixed(1)} MB, about ${pdfMb} MB of text`, file, textMb: pdfMb })
  }
  console.log('case                                   peak RSS MB   above the constant MB   × text')
  for (const c of cases) {
    const m = measure(c.file)
    console.log(`${c.name.padEnd(38)} ${m.rss.toFixed(0).padStart(11)}   ${(m.rss - base.rss).toFixed(0).padStart(21)}   ${((m.rss - base.rss) / c.textMb).toFixed(1).padStart(6)}   (${m.out})`)
  }
  console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

