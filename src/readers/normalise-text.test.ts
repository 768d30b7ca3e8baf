import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normaliseText } from './normalise-text.js'

describe('normaliseText', () => {
  const cases: [string, string, string][] = [
    ['CRLF and lone CR', 'a\r\nb\rc', 'a\nb\nc'],
    ['Unicode line and paragraph separators, form feed', 'a\u2028b\u2029c\fd', 'a\nb\n\nc\n\nd'],
    ['trailing blanks per line, leading kept', '  a \t\u00a0\n  b  ', '  a\n  b'],
    ['runs of blank lines', 'a\n\n\n\n \n\t\nb', 'a\n\nb'],
    ['blank lines at the start and end', '\n\n \na\n\n', 'a'],
    ['soft hyphen, zero-width space, word joiner, BOM', '\ufeffPaki\u00adstan mil\u200bitants\u2060', 'Pakistan militants'],
    ['NFC composition, also after removing an invisible between base and accent', 'e\u0301 e\u00ad\u0301', '\u00e9 \u00e9'],
    ['ZWNJ and ZWJ are kept', 'a\u200cb\u200dc', 'a\u200cb\u200dc'],
    ['lines are never joined', 'killed at\nleast eight', 'killed at\nleast eight'],
  ]
  it.each(cases)('%s', (_why, input, expected) => {
    expect(normaliseText(input)).toBe(expected)
  })

  it('is idempotent on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), fc.string({ unit: fc.constantFrom('\n', '\r', ' ', '\u00ad', '\u2028', 'a', 'e\u0301') }), (a, b) => {
        const once = normaliseText(a + b)
        expect(normaliseText(once)).toBe(once)
      }),
    )
  })
})
