import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvCell, csvRow, parseCsv, toCsv } from './csv.js'

describe('csv', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "\"'\r=1\""],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
  ])('neutralises and quotes %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected)
  })

  it('writes numbers as numbers, null as empty', () => {
    expect(csvCell(-73.5)).toBe('-73.5')
    expect(csvCell(null)).toBe('')
    expect(csvCell(Number.NaN)).toBe('')
  })

  it('uses CRLF records', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n')
  })

  it('property: any strings round-trip through parseCsv, and no parsed text cell starts a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { maxLength: 5 }), (rows) => {
        const parsed = parseCsv(toCsv(['h'], rows.map((r) => r)))
        const body = parsed.slice(1)
        expect(body.length).toBe(rows.length)
        body.forEach((r, i) => {
          r.forEach((cell, j) => {
            const number = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(cell)
            expect(/^[=+\-@\t\r]/.test(cell) && !number).toBe(false)
            const original = rows[i]![j]!
            expect(cell).toBe(/^[=+\-@\t\r]/.test(original) && !number ? `'${original}` : original)
          })
        })
      }),
    )
  })
})

describe('csv writing options', () => {
  it('keeps strings that are plain numbers, signs included, and neutralises the rest', () => {
    for (const n of ['-73.5', '+3', '-0.25e-3', '.5']) expect(csvCell(n)).toBe(n)
    for (const f of ['-1+1', '+A1', '-', '-e3']) expect(csvCell(f)).toBe(`'${f}`)
  })

  it('raw writes formula-like text exactly (quoted only where RFC 4180 needs it)', () => {
    expect(csvCell('=1+1', { formulas: 'raw' })).toBe('=1+1')
    expect(csvRow(['@x', 'a,b'], { formulas: 'raw' })).toBe('@x,"a,b"\r\n')
  })
})
