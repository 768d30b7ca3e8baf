/**
 * @module Text shapes that once made extraction superlinear (one sentence of megabytes, one long paragraph, a new
 * speaker in every sentence) give the answers they would give in short pieces.
 */
import { describe, expect, it } from 'vitest'
import { extract } from './extract.js'
import { MAX_SENTENCE_TOKENS, splitSentences, tokenize } from './tokens.js'

describe('long texts', () => {
  it('cuts a run with no full stop into sentences of at most MAX_SENTENCE_TOKENS tokens', () => {
    const text = 'a drone strike killed 3 people in a village '.repeat(1000)
    const sentences = splitSentences(tokenize(text))
    expect(sentences.length).toBeGreaterThan(1)
    for (const s of sentences) expect(s.tokens.length).toBeLessThanOrEqual(MAX_SENTENCE_TOKENS)
    // Every figure is still found, with a quote snapped to whole words inside its sentence.
    const claims = extract(text).claims
    expect(claims.length).toBeGreaterThan(900)
    for (const c of claims) {
      expect(text.slice(c.span.start, c.span.end)).toBe(c.quote)
      expect(c.quote).toMatch(/^\S.*\S$/s)
    }
  })

  it('gives every figure of a long paragraph the nearest place named before it', () => {
    const one = 'A drone strike in Miranshah killed 4 people. Residents said the strike hit a house. Another strike killed 2 people. '
    const two = 'A drone strike in Mir Ali killed 5 people. Another strike killed 3 people. '
    const claims = extract((one + two).repeat(200).trim()).claims
    expect(claims.length).toBe(800)
    const places = claims.map((c) => c.place?.name ?? null)
    for (let i = 0; i < claims.length; i += 4) {
      expect(places.slice(i, i + 4)).toEqual(['Miranshah', 'Miranshah', 'Mir Ali', 'Mir Ali'])
    }
  })

  it('resolves a short name to the full name seen last, however many speakers came between', () => {
    const others = Array.from({ length: 300 }, (_, i) => `Officer ${String.fromCharCode(65 + (i % 26))}${'bcdefgh'[i % 7]}${i} said nothing new.`).join(' ')
    const text = `Ben Emmerson said 3 civilians were killed. ${others} Emmerson said 4 civilians were killed.`
    const claims = extract(text).claims
    expect(claims.map((c) => c.claimant)).toEqual(['Ben Emmerson', 'Ben Emmerson'])
  })
})
