/** @module ingestPaths on real files and a real SQLite store: folders, idempotence, the hook, and every kind of bad input. */
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js'
import type { Store } from '../storage/store.js'
import { ingestPaths, type IngestOptions } from './ingest.js'

const root = mkdtempSync(join(tmpdir(), 'reckon-ingest-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const dir = (): string => {
  const d = join(root, `case${++n}`)
  mkdirSync(d, { recursive: true })
  return d
}
const opts: IngestOptions = { ctx: { actor: 'test' }, maxBytes: 10 * 1024 * 1024 }
const samples = join(import.meta.dirname, '..', '..', 'samples')

describe('ingestPaths', () => {
  let store: Store
  beforeEach(() => {
    store = openSqliteStore(':memory:')
  })
  afterEach(async () => {
    await store.close()
  })

  it('reads a folder recursively, in name order, skipping hidden and unreadable kinds, and is idempotent', async () => {
    const d = dir()
    mkdirSync(join(d, 'sub', 'deeper'), { recursive: true })
    writeFileSync(join(d, 'b.txt'), 'A drone strike killed three people.')
    writeFileSync(join(d, 'a.md'), '# Report\n\nTwo people were injured.')
    writeFileSync(join(d, 'sub', 'deeper', 'c.html'), '<html><head><title>C</title></head><body><p>Four killed.</p></body></html>')
    writeFileSync(join(d, 'notes.docx'), 'ignored')
    writeFileSync(join(d, '.hidden.txt'), 'ignored')
    writeFileSync(join(d, 'README.md'), 'What this folder holds: ignored as a report.')
    const first = await ingestPaths(store, [d], opts)
    expect(first.problems).toEqual([])
    expect(first.items.map((i) => [i.path.slice(d.length + 1), i.created])).toEqual([
      ['a.md', true],
      ['b.txt', true],
      ['sub/deeper/c.html', true],
    ])
    const second = await ingestPaths(store, [d, join(d, 'b.txt')], opts)
    expect(second.items.map((i) => i.created)).toEqual([false, false, false])
    expect(await store.sources.count()).toBe(3)
    const html = await store.sources.get(first.items[2]!.sourceId)
    expect(html).toMatchObject({ title: 'C', mediaType: 'text/html', filename: 'c.html', text: 'Four killed.' })
  })

  it('ingests the bundled samples, PDF included, and finds the seed article by search', async () => {
    const result = await ingestPaths(store, [samples], opts)
    expect(result.problems).toEqual([])
    expect(result.items.length).toBeGreaterThanOrEqual(6)
    const hits = await store.sources.search('Hakimullah Mehsud drone')
    const names = hits.items.map((h) => h.filename)
    expect(names).toEqual(expect.arrayContaining(['seed-article.txt', 'seed-article.pdf', 'mehsud-strike-second-report.html']))
    const pdf = hits.items.find((h) => h.filename === 'seed-article.pdf')!
    const text = (await store.sources.get(pdf.id))!.text
    // Lines joined: the first sentence reads across the PDF's line break.
    expect(text).toContain('Thursday and Friday killed at least eight people')
  })

  it('runs afterSource in the same transaction: a failing hook leaves no source, a working one is kept', async () => {
    const d = dir()
    writeFileSync(join(d, 'a.txt'), 'The strike killed five people.')
    const failing = await ingestPaths(store, [d], {
      ...opts,
      afterSource: async (source, tx) => {
        await tx.claims.addForSource(source.id, [], { actor: 'test' })
        throw new Error('extraction broke')
      },
    })
    expect(failing.problems).toEqual([expect.objectContaining({ code: 'internal_error', message: expect.stringContaining('extraction broke') })])
    expect(await store.sources.count()).toBe(0)
    expect((await store.revisions.list()).total).toBe(0)
    const seen: string[] = []
    const ok = await ingestPaths(store, [d], { ...opts, afterSource: (source) => Promise.resolve(void seen.push(source.id)) })
    expect(ok.problems).toEqual([])
    expect(seen).toEqual([ok.items[0]!.sourceId])
  })

  describe('bad input: each reported by name, the rest still ingested', () => {
    it('a path that does not exist', async () => {
      const d = dir()
      writeFileSync(join(d, 'good.txt'), 'Three killed.')
      const missing = join(d, 'nope', 'missing.txt')
      const r = await ingestPaths(store, [missing, d], opts)
      expect(r.problems).toEqual([{ path: missing, code: 'not_found', message: `${missing}: no such file or folder` }])
      expect(r.items).toHaveLength(1)
    })

    it('a folder with no readable files', async () => {
      const d = dir()
      writeFileSync(join(d, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
      const r = await ingestPaths(store, [d], opts)
      expect(r.problems).toEqual([expect.objectContaining({ path: d, code: 'invalid_input' })])
      expect(r.items).toEqual([])
    })

    it('a file of a kind Reckon does not read, named explicitly', async () => {
      const d = dir()
      writeFileSync(join(d, 'x.docx'), 'x')
      const r = await ingestPaths(store, [join(d, 'x.docx')], opts)
      expect(r.problems).toEqual([expect.objectContaining({ code: 'unsupported_format' })])
    })

    it('a binary file named .txt, invalid UTF-8, a truncated PDF and an empty file', async () => {
      const d = dir()
      writeFileSync(join(d, 'binary.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)))
      writeFileSync(join(d, 'latin1.txt'), Buffer.from('Caf\xe9 strike killed f\xfcnf', 'latin1'))
      const pdf = readFileSync(join(samples, 'seed-article.pdf'))
      writeFileSync(join(d, 'truncated.pdf'), pdf.subarray(0, Math.floor(pdf.length / 3)))
      writeFileSync(join(d, 'empty.txt'), '')
      writeFileSync(join(d, 'good.txt'), 'A drone strike killed two people.')
      const r = await ingestPaths(store, [d], opts)
      const byName = Object.fromEntries(r.problems.map((p) => [p.path.slice(d.length + 1), p]))
      expect(Object.keys(byName).sort()).toEqual(['binary.txt', 'empty.txt', 'latin1.txt', 'truncated.pdf'])
      for (const p of r.problems) {
        expect(p.code).toBe('unreadable_document')
        expect(p.message.startsWith(p.path)).toBe(true)
      }
      expect(r.items.map((i) => i.path)).toEqual([join(d, 'good.txt')])
      expect(await store.sources.count()).toBe(1)
    })

    it('a 200 MB file is refused by the configured limit without being read', async () => {
      const d = dir()
      const big = join(d, 'huge.txt')
      // A sparse file: 200 MB long, no blocks written, so the test costs no disk or memory.
      const fd = openSync(big, 'w')
      ftruncateSync(fd, 200 * 1024 * 1024)
      closeSync(fd)
      writeFileSync(join(d, 'small.txt'), 'One killed.')
      const before = process.memoryUsage().rss
      const r = await ingestPaths(store, [d], { ...opts, maxBytes: 50 * 1024 * 1024 })
      expect(r.problems).toEqual([expect.objectContaining({ path: big, code: 'too_large', message: expect.stringContaining('209715200 bytes') })])
      expect(r.items).toHaveLength(1)
      expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024)
    })
  })
})
