/** @module A PDF's compressed streams are measured before pdf.js decodes them: a small file decoding to far more is refused. */
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { hasCode } from '../domain/errors.js'
import { readDocument } from './read-document.js'
import { deflatedSize } from './read-pdf.js'
import { hostilePdf } from './test-helpers/hostile-pdf.js'

describe('decoded size of a PDF', () => {
  it('counts what the Flate streams decode to', async () => {
    const pdf = hostilePdf('A drone strike killed 3 people.', { kind: 'operators', count: 1000 })
    const buf = Buffer.from(pdf)
    const start = buf.indexOf('stream\n') + 7
    const data = buf.subarray(start, buf.indexOf('\nendstream', start))
    expect(await deflatedSize(pdf, Number.POSITIVE_INFINITY)).toBe(inflateSync(data).length)
  })

  it('stops counting once past the limit', async () => {
    const pdf = hostilePdf('x', { kind: 'zeros', bytes: 8_000_000 })
    const n = await deflatedSize(pdf, 1_000_000)
    expect(n).toBeGreaterThan(1_000_000)
    expect(n).toBeLessThan(8_000_000)
  })

  it('refuses a PDF whose streams decode past 10 × the document limit, naming it, and reads one under it', async () => {
    const bomb = hostilePdf('A drone strike killed 3 people.', { kind: 'zeros', bytes: 20_000_000 })
    expect(bomb.byteLength).toBeLessThan(100_000)
    const err = await readDocument(bomb, { filename: 'bomb.pdf', maxBytes: 1_000_000 }).catch((e: unknown) => e)
    expect(hasCode(err, 'too_large')).toBe(true)
    expect((err as Error).message).toMatch(/^bomb\.pdf: .*decode to more than 10000000 bytes/)
    const fine = hostilePdf('A drone strike killed 3 people.', { kind: 'zeros', bytes: 5_000_000 })
    const read = await readDocument(fine, { filename: 'fine.pdf', maxBytes: 1_000_000 })
    expect(read.text).toContain('A drone strike killed 3 people.')
  })
})
