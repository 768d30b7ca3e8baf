import { describe, expect, it } from 'vitest'
import { ReadCache } from './read-cache.js'

describe('ReadCache', () => {
  it('reuses an answer within its lifetime, then answers stale once while one refresh runs', async () => {
    let t = 0
    let n = 0
    const cache = new ReadCache({ ttlMs: 100, now: () => t })
    const compute = async () => Promise.resolve(String(++n))
    expect(await cache.get('a', compute)).toBe('1')
    t = 99
    expect(await cache.get('a', compute)).toBe('1')
    expect(await cache.get('b', compute)).toBe('2')
    t = 100
    expect(await cache.get('a', compute)).toBe('1') // stale, refresh started
    await new Promise((r) => setImmediate(r))
    expect(await cache.get('a', compute)).toBe('3') // the refresh has landed
    expect(n).toBe(3)
  })

  it('shares one computation among concurrent misses', async () => {
    let n = 0
    const cache = new ReadCache({ ttlMs: 1000 })
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const compute = async () => {
      n++
      await gate
      return 'x'
    }
    const all = Promise.all([cache.get('k', compute), cache.get('k', compute), cache.get('k', compute)])
    release()
    expect(await all).toEqual(['x', 'x', 'x'])
    expect(n).toBe(1)
  })

  it('drops everything on a write, and never keeps an answer computed across one', async () => {
    let n = 0
    const cache = new ReadCache({ ttlMs: 1000 })
    expect(await cache.get('k', async () => Promise.resolve(String(++n)))).toBe('1')
    cache.invalidate()
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const slow = cache.get('k', async () => {
      await gate
      return String(++n)
    })
    cache.invalidate() // a write lands while the read is running
    release()
    expect(await slow).toBe('2')
    expect(await cache.get('k', async () => Promise.resolve(String(++n)))).toBe('3')
  })

  it('holds answers up to a size, not only a count: large pages do not pile up', async () => {
    let n = 0
    const cache = new ReadCache({ ttlMs: 1000, maxChars: 10 })
    const answer = (size: number) => async () => Promise.resolve(String(++n % 10).repeat(size))
    expect(await cache.get('a', answer(4))).toBe('1111')
    expect(await cache.get('b', answer(4))).toBe('2222')
    expect(await cache.get('a', answer(4))).toBe('1111') // both fit: 8 of 10
    expect(await cache.get('c', answer(4))).toBe('3333') // 12 > 10: the others are dropped to make room
    expect(await cache.get('a', answer(4))).toBe('4444')
    expect(await cache.get('c', answer(4))).toBe('3333')
    expect(await cache.get('big', answer(11))).toBe('55555555555') // larger than the cache: answered, never held
    expect(await cache.get('big', answer(11))).toBe('66666666666')
  })

  it('does not cache failures, and is off at 0', async () => {
    const cache = new ReadCache({ ttlMs: 1000 })
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down')
    expect(await cache.get('k', async () => Promise.resolve('up'))).toBe('up')
    let n = 0
    const off = new ReadCache({ ttlMs: 0 })
    await off.get('k', async () => Promise.resolve(String(++n)))
    expect(await off.get('k', async () => Promise.resolve(String(++n)))).toBe('2')
  })
})
