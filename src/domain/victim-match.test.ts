/** @module Table tests of compareVictims and possiblySamePeople: a middle name present or not, and what else must agree. */
import { describe, expect, it } from 'vitest'
import type { SourceId, VictimId } from './ids.js'
import { compareVictims, possiblySamePeople, type ComparedVictim } from './victim-match.js'
import { victimNameKey } from './victim-name.js'

const v = (name: string, age: number | null = null, sex: 'male' | 'female' | null = null): ComparedVictim => ({ nameKey: victimNameKey(name), age, sex })

describe('compareVictims', () => {
  it.each([
    ['Mohammad Ali Khan', 'Mohammad Khan', 'same'],
    ['Muhammad Khan', 'Mohammed Ali Khan', 'same'],
    ['Mohammad Ali', 'Mohammad Ali Khan', 'same'],
    ['Mohammed Hussein', 'Muhammad Husain', 'same'],
    // The shorter name must begin with the same given name, and keep the order of words.
    ['Ali Khan', 'Mohammad Ali Khan', 'different'],
    ['Khan Mohammad', 'Mohammad Ali Khan', 'different'],
    ['Mohammad Rafiq Khan', 'Mohammad Tariq Khan', 'different'],
    ['Gul Rahman', 'Gul Wazir', 'different'],
    // One word says too little to take them as one: an editor decides.
    ['Mohammad', 'Mohammad Khan', 'possibly'],
  ] as const)('%s / %s: %s', (a, b, want) => {
    expect(compareVictims(v(a), v(b))).toBe(want)
    expect(compareVictims(v(b), v(a))).toBe(want)
  })

  it('takes them as one only when age and sex do not differ', () => {
    expect(compareVictims(v('Mohammad Ali Khan', 34, 'male'), v('Mohammad Khan', null, 'male'))).toBe('same')
    expect(compareVictims(v('Mohammad Ali Khan', 34), v('Mohammad Khan', 34))).toBe('same')
    expect(compareVictims(v('Mohammad Ali Khan', 34), v('Mohammad Khan', 12))).toBe('possibly')
    expect(compareVictims(v('Zarina Gul Bibi', null, 'female'), v('Zarina Bibi', null, 'male'))).toBe('possibly')
  })
})

describe('possiblySamePeople', () => {
  const victim = (id: string, name: string, age: number | null, sources: string[]) => ({
    id: id as VictimId,
    name,
    ...v(name, age),
    sources: sources.map((s) => ({ sourceId: s as SourceId, claimId: 'clm_x' as never, name, span: { start: 0, end: 1 }, quote: '' })),
  })

  it('lists related names of different reports, never two names one report gives, nor unrelated names', () => {
    const got = possiblySamePeople([
      victim('vic_a', 'Mohammad Ali Khan', 34, ['src_1']),
      victim('vic_b', 'Mohammad Khan', 12, ['src_2']),
      victim('vic_c', 'Mohammad Tariq Khan', null, ['src_1']),
      victim('vic_d', 'Gul Rahman', null, ['src_2']),
    ])
    expect(got.map((s) => s.victims)).toEqual([
      ['vic_a', 'vic_b'],
      ['vic_b', 'vic_c'],
    ])
    // The same two names in one report are two people.
    expect(possiblySamePeople([victim('vic_a', 'Mohammad Ali Khan', null, ['src_1']), victim('vic_b', 'Mohammad Khan', null, ['src_1'])])).toEqual([])
  })
})
