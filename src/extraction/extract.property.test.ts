/** @module Properties: extraction never throws, its spans and quotes agree with the text, and it is deterministic. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { claimDraft } from '../domain/claim.js'
import { extract, summarise } from './index.js'

// Words that drive the rules, mixed with arbitrary Unicode so the parsers meet both.
const VOCAB = [
  'killed', 'killing', 'were', 'was', 'dead', 'died', 'injured', 'wounded', 'people', 'civilians', 'children', 'militants', 'a', 'no',
  'one', 'at', 'least', 'up', 'to', 'more', 'than', 'between', 'and', 'or', 'dozens', 'of', 'several', 'twenty-one', 'including',
  'said', 'according', 'Minister', 'Ben', 'Emmerson', 'since', '2008', 'in', '2012', 'January', 'Thursday', 'last', 'month', '5-7',
  '12', '1,200', '—', ',', '.', '“', '”', '\n', '\n\n', '\n   ', 'attacks', 'strike', 'others', 'with', 'another', '-', 'year', 'old',
  'Pakistan', 'North', 'Waziristan', 'US', 'drone', 'toll', 'rose', 'none', 'Powered by TCPDF', '3', 'page', '?', '’s', 'claim', 'that',
]
const word = fc.oneof(fc.constantFrom(...VOCAB), fc.string({ unit: 'binary', maxLength: 6 }))
const prose = fc.array(word, { maxLength: 60 }).map((ws) => ws.join(' '))
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), prose)
const published = fc.option(fc.constantFrom('2013-11-04', '2000-02-29', '2024-01-01'), { nil: null })

describe('extract properties', () => {
  it('never throws, and every claim is valid with its quote equal to the text at its span', () => {
    fc.assert(
      fc.property(anyText, published, (text, pub) => {
        const r = extract(text, { published: pub })
        for (const c of r.claims) {
          expect(c.span.start).toBeGreaterThanOrEqual(0)
          expect(c.span.end).toBeLessThanOrEqual(text.length)
          expect(text.slice(c.span.start, c.span.end)).toBe(c.quote)
          // The domain validator accepts every draft the rules produce.
          expect(() => claimDraft(c, text)).not.toThrow()
        }
        summarise(r.claims)
      }),
      { numRuns: 400 },
    )
  })

  it('is deterministic', () => {
    fc.assert(
      fc.property(anyText, published, (text, pub) => {
        expect(JSON.stringify(extract(text, { published: pub }))).toBe(JSON.stringify(extract(text, { published: pub })))
      }),
      { numRuns: 200 },
    )
  })
})
