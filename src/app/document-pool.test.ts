/**
 * @module The document pool on real worker threads (the built worker, dist/app/document-worker.js): answers equal
 * the main thread's, and a job past its deadline or its memory limit is refused alone while the next job runs.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { hasCode } from '../domain/errors.js'
import { extract } from '../extraction/index.js'
import { readDocument } from '../readers/read-document.js'
import { hostilePdf } from '../readers/test-helpers/hostile-pdf.js'
import { DocumentPool } from './document-pool.js'

const TEXT = 'PESHAWAR — A US drone strike killed at least eight people in North Waziristan on Thursday, officials said.'
const pools: DocumentPool[] = []
const pool = (o: ConstructorParameters<typeof DocumentPool>[0]): DocumentPool => {
  const p = new DocumentPool(o)
  pools.push(p)
  return p
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()))
})

describe('DocumentPool', () => {
  it('reads and extracts on a worker exactly as on the main thread', async () => {
    const p = pool({ timeoutMs: 60_000, memoryMb: 512, inlineBelowBytes: 0 })
    const pdf = hostilePdf(TEXT, { kind: 'operators', count: 3 })
    expect(await p.read(pdf, { filename: 'a.pdf', maxBytes: 1e6 })).toEqual(await readDocument(pdf, { filename: 'a.pdf', maxBytes: 1e6 }))
    const { claims: drafts, victims } = await p.extract(TEXT, '2013-11-07')
    expect(drafts.length).toBeGreaterThan(0)
    const here = extract(TEXT, { published: '2013-11-07' })
    expect(drafts).toEqual(here.claims)
    expect(victims).toEqual(here.victims)
    const checked = await p.check(TEXT, '2013-11-07')
    expect(checked.claims).toEqual(drafts)
  })

  it('moves handed-over bytes to the worker instead of copying them, and copies a view of a shared buffer', async () => {
    const p = pool({ timeoutMs: 60_000, memoryMb: 512, inlineBelowBytes: 0 })
    const text = `${TEXT}\n`.repeat(100)
    const size = new TextEncoder().encode(text).byteLength
    const want = await readDocument(new TextEncoder().encode(text), { filename: 'a.txt', maxBytes: 1e6 })
    const own = new TextEncoder().encode(text)
    expect(await p.read(own, { filename: 'a.txt', maxBytes: 1e6 }, true)).toEqual(want)
    // Detached: this thread no longer holds the file.
    expect(own.byteLength).toBe(0)
    const kept = new TextEncoder().encode(text)
    expect(await p.read(kept, { filename: 'a.txt', maxBytes: 1e6 })).toEqual(want)
    expect(kept.byteLength).toBe(size)
    // A view of part of a larger buffer (as a small Buffer from Node's pool is) is copied, leaving the rest intact.
    const shared = new Uint8Array(size + 8)
    shared.set(new TextEncoder().encode(text), 8)
    expect(await p.read(shared.subarray(8), { filename: 'a.txt', maxBytes: 1e6 }, true)).toEqual(want)
    expect(shared.byteLength).toBe(size + 8)
  })

  it('ends a worker after a large document, so its garbage is not held while the document is stored, and starts another for the next', async () => {
    const p = pool({ timeoutMs: 60_000, memoryMb: 512, inlineBelowBytes: 0 })
    await p.read(new TextEncoder().encode(TEXT), { filename: 'small.txt', maxBytes: 1e8 })
    expect(p.threads).toBe(1)
    const large = new TextEncoder().encode(`${TEXT}\n\n`.repeat(Math.ceil((5 << 20) / TEXT.length)))
    const read = await p.read(large, { filename: 'large.txt', maxBytes: 1e8 }, true)
    expect(read.text.length).toBeGreaterThan(5 << 20)
    expect(p.threads).toBe(0)
    expect((await p.extract(TEXT, '2013-11-07')).claims.length).toBeGreaterThan(0)
    expect(p.threads).toBe(1)
  })

  it('passes a reader’s refusal through with its code and message', async () => {
    const p = pool({ timeoutMs: 60_000, memoryMb: 512 })
    const bomb = hostilePdf(TEXT, { kind: 'zeros', bytes: 20_000_000 })
    const err = await p.read(bomb, { filename: 'bomb.pdf', maxBytes: 1_000_000 }).catch((e: unknown) => e)
    expect(hasCode(err, 'too_large')).toBe(true)
    expect((err as Error).message).toMatch(/^bomb\.pdf: /)
  })

  it('refuses a job past its deadline with timeout, ends its worker, and runs the next job', async () => {
    const p = pool({ size: 1, timeoutMs: 2000, memoryMb: 512 })
    const slow = hostilePdf(TEXT, { kind: 'operators', count: 5_000_000 })
    const err = await p.read(slow, { filename: 'slow.pdf', maxBytes: 50e6 }).catch((e: unknown) => e)
    expect(hasCode(err, 'timeout')).toBe(true)
    expect((err as Error).message).toMatch(/^slow\.pdf: /)
    const next = await p.read(hostilePdf(TEXT, { kind: 'operators', count: 1 }), { filename: 'next.pdf', maxBytes: 1e6 })
    expect(next.text).toContain('eight people')
  })

  it('refuses a job that needs more memory than the limit with too_large, and runs the next job', async () => {
    const p = pool({ size: 1, timeoutMs: 120_000, memoryMb: 64, inlineBelowBytes: 0 })
    const big = `${TEXT} `.repeat(200_000)
    const err = await p.extract(big, '2013-11-07', 'big.txt').catch((e: unknown) => e)
    expect(hasCode(err, 'too_large')).toBe(true)
    expect((err as Error).message).toMatch(/^big\.txt: .*64 MiB/)
    expect((await p.extract(TEXT, '2013-11-07')).claims.length).toBeGreaterThan(0)
  })

  it('refuses running and later jobs once closed', async () => {
    const p = pool({ size: 1, timeoutMs: 60_000, memoryMb: 512 })
    const running = p.read(hostilePdf(TEXT, { kind: 'operators', count: 5_000_000 }), { filename: 'slow.pdf', maxBytes: 50e6 }).catch((e: unknown) => e)
    await new Promise((r) => setTimeout(r, 50))
    await p.close()
    expect(hasCode(await running, 'timeout')).toBe(true)
    expect(hasCode(await p.read(new Uint8Array(10), { filename: 'x.pdf', maxBytes: 1e6 }).catch((e: unknown) => e), 'timeout')).toBe(true)
  })
})
