import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { HashSet } from './hash-set.js'

const key = (i: number): string => createHash('sha256').update(String(i)).digest('hex').slice(0, 24)

describe('HashSet', () => {
  it('holds every key added, exactly, across growth', () => {
    const set = new HashSet(8)
    for (let i = 0; i < 50_000; i++) expect(set.add(key(i))).toBe(true)
    expect(set.size).toBe(50_000)
    for (let i = 0; i < 50_000; i++) expect(set.has(key(i))).toBe(true)
    for (let i = 50_000; i < 60_000; i++) expect(set.has(key(i))).toBe(false)
    expect(set.add(key(123))).toBe(false)
    expect(set.size).toBe(50_000)
  })

  it('tells apart keys that share their first words', () => {
    const set = new HashSet()
    const a = 'aaaaaaaabbbbbbbbcccccccc'
    set.add(a)
    expect(set.has('aaaaaaaabbbbbbbbcccccccd')).toBe(false)
    expect(set.has('aaaaaaaabbbbbbbcdcccccccc'.slice(0, 24))).toBe(false)
    expect(set.add('aaaaaaaabbbbbbbbcccccccd')).toBe(true)
    expect(set.has(a)).toBe(true)
    expect(set.size).toBe(2)
  })

  it('refuses what is not 24 lowercase hex digits', () => {
    const set = new HashSet()
    expect(() => set.add('xyz')).toThrow(/24 lowercase hex/)
    expect(() => set.add('AAAAAAAABBBBBBBBCCCCCCCC')).toThrow(/24 lowercase hex/)
  })
})
