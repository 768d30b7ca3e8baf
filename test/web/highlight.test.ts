/** @module Tests for the web app's text segmenting, which every highlighted quote relies on. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { excerpt, segments } from '../../web/src/highlight.js'

describe('segments', () => {
  it('marks each span and leaves the rest as plain text', () => {
    const s = segments('killed at least eight people, and 19 more', [
      { id: 'a', start: 0, end: 28 },
      { id: 'b', start: 34, end: 41 },
    ])
    expect(s.map((x) => [x.text, x.ids])).toEqual([
      ['killed at least eight people', ['a']],
      [', and ', []],
      ['19 more', ['b']],
    ])
  })

  it('splits overlapping spans into pieces listing every covering claim', () => {
    const s = segments('abcdef', [
      { id: 'x', start: 1, end: 4 },
      { id: 'y', start: 3, end: 6 },
    ])
    expect(s.map((x) => [x.text, x.ids])).toEqual([
      ['a', []],
      ['bc', ['x']],
      ['d', ['x', 'y']],
      ['ef', ['y']],
    ])
  })

  it('clips spans that run past the text and ignores empty ones', () => {
    const s = segments('abc', [
      { id: 'x', start: 2, end: 99 },
      { id: 'e', start: 1, end: 1 },
    ])
    expect(s.map((x) => [x.text, x.ids])).toEqual([
      ['ab', []],
      ['c', ['x']],
    ])
  })

  it('always covers the text exactly, in order, for any spans', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.tuple(fc.integer({ min: -5, max: 60 }), fc.integer({ min: -5, max: 60 }))), (text, spans) => {
        const marks = spans.map(([a, b], i) => ({ id: String(i), start: Math.min(a, b), end: Math.max(a, b) }))
        const s = segments(text, marks)
        expect(s.map((x) => x.text).join('')).toBe(text)
        for (const seg of s) {
          expect(text.slice(seg.start, seg.end)).toBe(seg.text)
          for (const id of seg.ids) {
            const m = marks[Number(id)]!
            expect(m.start <= seg.start && seg.end <= m.end).toBe(true)
          }
        }
      }),
    )
  })
})

describe('excerpt', () => {
  it('keeps the span inside the window and says where it was cut', () => {
    const text = 'one two three four five six seven eight nine ten'
    const start = text.indexOf('five')
    const x = excerpt(text, start, start + 4, 10)
    expect(x.text.slice(x.start, x.end)).toBe('five')
    expect(x.cutBefore).toBe(true)
    expect(x.cutAfter).toBe(true)
    expect(excerpt(text, 0, 3, 500)).toMatchObject({ text, start: 0, end: 3, cutBefore: false, cutAfter: false })
  })
})
