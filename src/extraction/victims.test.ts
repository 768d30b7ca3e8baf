/** @module Named victims: extraction keeps each one's name as written, age, sex, relation and fate, linked to its claim. */
import { describe, expect, it } from 'vitest'
import { extract } from './index.js'

const victimsOf = (text: string): unknown[] => {
  const r = extract(text, { published: '2015-06-01' })
  return r.victims.map((v) => ({ ...v, claim: [r.claims[v.claim]!.measure, r.claims[v.claim]!.category, r.claims[v.claim]!.min] }))
}

describe('named victims', () => {
  it.each([
    ['On a quiet evening, 71-year-old Zarina Bibi was killed in her field.', [{ name: 'Zarina Bibi', age: 71, sex: null, relation: null, fate: 'killed', claim: ['killed', 'total', 1] }]],
    ['His grandson Wali Khan was injured.', [{ name: 'Wali Khan', age: null, sex: 'male', relation: 'his grandson', fate: 'injured', claim: ['injured', 'total', 1] }]],
    ['Hamid Gul, 15, was killed.', [{ name: 'Hamid Gul', age: 15, sex: null, relation: null, fate: 'killed', claim: ['killed', 'children', 1] }]],
    ['Nasir Jan, a shepherd, was killed near the well.', [{ name: 'Nasir Jan', age: null, sex: null, relation: null, fate: 'killed', claim: ['killed', 'civilians', 1] }]],
    [
      'The strike killed five people, including a 12-year-old girl named Samira Hadi.',
      [{ name: 'Samira Hadi', age: 12, sex: 'female', relation: null, fate: 'killed', claim: ['killed', 'children', 1] }],
    ],
    ['Tariq Mahmood and four members of his family were killed.', [{ name: 'Tariq Mahmood', age: null, sex: null, relation: null, fate: 'killed', claim: ['killed', 'total', 5] }]],
  ] as const)('%s', (text, want) => {
    expect(victimsOf(text)).toEqual(want)
  })

  it('keeps every name of a list, all linked to the one count', () => {
    const r = extract('Those killed were Ali Hassan, Omar Saleh and Yusuf Abdi.')
    expect(r.victims.map((v) => [v.name, v.claim])).toEqual([['Ali Hassan', 0], ['Omar Saleh', 0], ['Yusuf Abdi', 0]])
    expect(r.claims[0]!.min).toBe(3)
  })

  it('names no victim where a named person speaks or is merely mentioned', () => {
    expect(extract('Ahmed Karimi said 30 people were killed.').victims).toEqual([])
    expect(extract('Omar Zwak visited the hospital where 4 people died.').victims).toEqual([])
  })
})

// Our own sentences in the style of encyclopedia articles: a person described at length between the name and the verb.
describe('named victims in encyclopedic prose', () => {
  const killed = (name: string, category = 'militants') => [{ name, age: null, sex: null, relation: null, fate: 'killed', claim: ['killed', category, 1] }]
  it.each([
    ['Qasim Farooq, the leader of a local militant faction, was killed in a drone strike in 2012.', killed('Qasim Farooq')],
    ['Yunus al-Masri, an Egyptian-born preacher, was killed by a drone strike in Yemen in 2011.', killed('Yunus al-Masri', 'total')],
    ["Tahir Jamal, who led the group's fighters in the north, died in a drone strike in August 2010.", killed('Tahir Jamal')],
    ["Abu Salim al-Harbi, the group's deputy commander, was killed in a strike on his car in June 2012.", killed('Abu Salim al-Harbi')],
    ['Omar Siddiq, a senior commander who had survived two earlier strikes, was killed on Tuesday.', killed('Omar Siddiq')],
    ['Karim Dawar was reportedly killed in a drone strike in South Waziristan in 2011.', killed('Karim Dawar', 'total')],
  ] as const)('%s', (text, want) => {
    expect(victimsOf(text)).toEqual(want)
  })

  it.each([
    // A named person who speaks, who is a target that survived, or who is described and then speaks, is no victim.
    'Qasim Farooq said ten soldiers were killed in the attack.',
    'The strike targeted Jalal Haidar, who survived.',
    "Jalal Haidar, the group's spokesman, said the dead were civilians.",
    'Jalal Haidar, a local elder, told reporters that six people were killed.',
    'Qasim Farooq was not killed in the strike, his spokesman said.',
  ])('names no victim: %s', (text) => {
    expect(extract(text, { published: '2015-06-01' }).victims).toEqual([])
  })
})
