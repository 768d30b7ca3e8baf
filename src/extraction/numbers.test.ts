/** @module The number grammar on phrases from real reports. */
import { describe, expect, it } from 'vitest'
import { parseQuantity, VAGUE } from './numbers.js'
import { tokenize } from './tokens.js'

const q = (s: string): [number | null, number | null, string] | null => {
  const r = parseQuantity(tokenize(s), 0)
  return r === null ? null : [r.min, r.max, r.qualifier]
}

describe('parseQuantity', () => {
  it.each([
    ['18 labourers', [18, 18, 'exact']],
    ['1,200 people', [1200, 1200, 'exact']],
    ['eight people', [8, 8, 'exact']],
    ['twenty-one people', [21, 21, 'exact']],
    ['twenty one people', [21, 21, 'exact']],
    ['one hundred and fifty people', [150, 150, 'exact']],
    ['a dozen people', [12, 12, 'exact']],
    ['two dozen people', [24, 24, 'exact']],
    ['half a dozen people', [6, 6, 'exact']],
    ['three or four people', [3, 4, 'range']],
    ['between 5 and 7 people', [5, 7, 'range']],
    ['between four and six', [4, 6, 'range']],
    ['5-7 people', [5, 7, 'range']],
    ['20-50 people', [20, 50, 'range']],
    ['12 to 15 people', [12, 15, 'range']],
    ['at least eight people', [8, null, 'at_least']],
    ['more than 20 people', [21, null, 'at_least']],
    ['over 20 people', [21, null, 'at_least']],
    ['up to 8 people', [null, 8, 'at_most']],
    ['as many as 50 people', [null, 50, 'at_most']],
    ['up to 4-5 killed', [4, 5, 'range']],
    ['nearly 400 civilians', [null, 400, 'at_most']],
    ['fewer than 10 people', [null, 9, 'at_most']],
    ['about 20 people', [20, 20, 'about']],
    ['around 20 people', [20, 20, 'about']],
    ['only 67 civilians', [67, 67, 'exact']],
    ['20 or more people', [20, null, 'at_least']],
    ['dozens of people', [VAGUE.dozens![0], VAGUE.dozens![1], 'vague']],
    ['scores of people', [VAGUE.scores![0], VAGUE.scores![1], 'vague']],
    ['several people', [VAGUE.several![0], VAGUE.several![1], 'vague']],
    ['a few people', [VAGUE.few![0], VAGUE.few![1], 'vague']],
    ['no civilian deaths', [0, 0, 'exact']],
    ['no one was killed', [0, 0, 'exact']],
    ['none were killed', [0, 0, 'exact']],
  ] as const)('%s', (s, want) => {
    expect(q(s)).toEqual(want)
  })

  it.each(['10pm', '1st', '2.5 million', 'the people', '3:30'])('reads no quantity in "%s"', (s) => {
    const r = parseQuantity(tokenize(s), 0)
    expect(r === null || r.form === 'article').toBe(true)
  })

  it('does not make a range of "five or 40"', () => {
    expect(q('five or 40 people')).toEqual([5, 5, 'exact'])
  })
})
