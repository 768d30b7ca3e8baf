/**
 * @module Text shapes that once made extraction superlinear (one sentence of megabytes, one long paragraph, a new
 * speaker in every sentence) give the answers they would give in short pieces.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extract } from './extract.js'
import { MAX_SENTENCE_TOKENS, paragraphChunks, splitSentences, tokenize } from './tokens.js'

const repo = join(import.meta.dirname, '..', '..')
const reports = [
  readFileSync(join(repo, 'test', 'fixtures', 'seed-article.txt'), 'utf8'),
  ...readdirSync(join(repo, 'samples')).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(repo, 'samples', f), 'utf8')),
]

describe('long texts', () => {
  it('extracts the same claims part by part as from the whole text at once', () => {
    // Page breaks, furniture lines, lower-case continuations and indented paragraphs around the places a cut may go.
    const joints = ['\n\n', '\n\n12\n\n', '\n\nPage 3 of 9\n\nthe report went on. ', '\n\n   ', '\n \n\n']
    const text = reports.flatMap((r, i) => [r, joints[i % joints.length]!]).join('').repeat(3)
    const whole = extract(text, { published: '2013-11-04', chunkChars: 1 << 30 })
    expect(whole.claims.length).toBeGreaterThan(50)
    for (const size of [1, 200, 3000]) {
      expect(paragraphChunks(text, size).length).toBeGreaterThan(size === 3000 ? 3 : 20)
      expect(extract(text, { published: '2013-11-04', chunkChars: size })).toEqual(whole)
    }
  })

  it('cuts only where the whole text has a paragraph break, and covers the text exactly', () => {
    const text = reports.join('\n\n')
    const chunks = paragraphChunks(text, 100)
    expect(chunks[0]![0]).toBe(0)
    expect(chunks[chunks.length - 1]![1]).toBe(text.length)
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]![0]).toBe(chunks[i - 1]![1])
    const starts = new Set(splitSentences(tokenize(text)).map((s) => s.start))
    for (const [from] of chunks.slice(1)) expect(starts.has(tokenize(text, from)[0]!.start)).toBe(true)
  })

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
