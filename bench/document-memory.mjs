#!/usr/bin/env node
/**
 * @module Peak memory of reading one document and extracting its claims, as a document worker does it, each in a
 * fresh process: report texts of 1, 4, 16 and 48 MB, and a 1 MB PDF holding 1 GiB of compressed zeros (refused).
 * Prints peak RSS, the same for a process that only loads the modules (the constant), and the difference per MB
 * of extracted text (the report texts are claim-dense: a figure every 500 characters). Run `npm run build && node bench/document-memory.mjs [sizes in MB]`.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDeflate } from 'node:zlib'

const sizes = (process.argv[2] ?? '1,4,16,48').split(',').map(Number)
const here = (p) => new URL(p, import.meta.url)
const dist = new URL('../dist/', import.meta.url).href
const dir = mkdtempSync(join(tmpdir(), 'reckon-memory-'))

const sources = [readFileSync(here('../test/fixtures/seed-article.txt'), 'utf8')]
for (const f of readdirSync(here('../samples/'))) if (f.endsWith('.txt')) sources.push(readFileSync(here(`../samples/${f}`), 'utf8'))
const corpus = sources.join('\n\n') + '\n\n'

// The child: load what a worker loads, then (unless told to only load) read and extract one file.
const child = `
const { readDocument } = await import('${dist}readers/read-document.js')
const { extract } = await import('${dist}extraction/index.js')
const [file, maxBytes] = process.argv.slice(1)
// The constant: modules loaded and the gazetteer index built (the first extraction builds it).
let out = 'loaded, ' + extract('A drone strike in Miranshah killed 3 people.').claims.length + ' claim'
if (file !== '-') {
  try {
    const doc = await readDocument(new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(file))), { filename: file, maxBytes: Number(maxBytes) })
    out = 'claims ' + extract(doc.text, { published: '2013-11-04' }).claims.length + ', text ' + (doc.text.length / 1e6).toFixed(1) + ' M chars'
  } catch (e) { out = 'refused: ' + e.message.replace(file, 'file') }
}
console.log(JSON.stringify({ out, rss: process.resourceUsage().maxRSS / 1024 }))
`
const measure = (file, maxBytes = 2 ** 31) => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child, file, String(maxBytes)], { encoding: 'utf8', maxBuffer: 1e6 }))

const base = measure('-')
console.log(`modules loaded, one sentence extracted: peak RSS ${base.rss.toFixed(0)} MB`)
for (const mb of sizes) {
  const file = join(dir, `report-${mb}.txt`)
  writeFileSync(file, corpus.repeat(Math.ceil((mb * 1e6) / corpus.length)).slice(0, mb * 1e6))
  const m = measure(file)
  console.log(`${String(mb).padStart(3)} MB text: peak RSS ${m.rss.toFixed(0)} MB, ${((m.rss - base.rss) / mb).toFixed(1)} × the text above the constant (${m.out})`)
}
// 1 GiB of zeros, deflated 16 MiB at a time into one content stream, in a minimal one-page PDF.
const zero = Buffer.alloc(16 << 20)
const parts = []
{
  const z = createDeflate({ level: 9 })
  z.on('data', (c) => parts.push(c))
  for (let i = 0; i < 64; i++) z.write(zero)
  await new Promise((r) => z.end(r))
}
const data = Buffer.concat(parts)
const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>']
let pdf = '%PDF-1.4\n'
const chunks = []
objs.forEach((o, i) => (pdf += `${i + 1} 0 obj\n${o}\nendobj\n`))
chunks.push(Buffer.from(pdf + `4 0 obj\n<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\ntrailer\n<< /Size 5 /Root 1 0 R >>\n%%EOF\n', 'latin1'))
const bomb = join(dir, 'bomb.pdf')
writeFileSync(bomb, Buffer.concat(chunks))
const b = measure(bomb, 50 * 1024 * 1024)
console.log(`${(Buffer.concat(chunks).length / 1e6).toFixed(1)} MB PDF of 1 GiB of zeros: peak RSS ${b.rss.toFixed(0)} MB (${b.out})`)
rmSync(dir, { recursive: true, force: true })
