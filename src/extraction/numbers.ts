/**
 * @module The number grammar: digits, number words, ranges, qualifiers and vague quantities, over tokens.
 *
 * Vague quantities map to documented ranges (see VAGUE): "a few" 2–5, "several" 3–9, "dozens" 24–99,
 * "scores" 40–199, "hundreds" 200–999, "thousands" 2000 and more, "multiple" / "numerous" 2 and more. Qualifiers map to bounds: "at least N" [N, ∞),
 * "more than N" / "over N" [N+1, ∞), "up to N" / "as many as N" / "nearly N" / "almost N" [0, N] (min null),
 * "fewer than N" [0, N-1], "about N" / "around N" / "some N" N with qualifier `about`, "only N" exactly N.
 */
import type { Qualifier } from '../domain/values.js'
import type { Token } from './tokens.js'

/** A parsed quantity covering tokens `[from, to)`. */
export interface Quantity {
  readonly min: number | null
  readonly max: number | null
  readonly qualifier: Qualifier
  readonly from: number
  readonly to: number
  /** How it was written: `article` for "a"/"an" (a person noun must follow), `zero` for "no"/"none"/"no one". */
  readonly form: 'number' | 'article' | 'zero' | 'vague'
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  // common misspellings in recorders' notes ("thee" for three is too ambiguous to take)
}
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }

/** True for a number word ("nineteen", "forty", "hundred", "dozen"): never a name or a speaker. */
export function isNumberWord(w: string): boolean {
  return UNITS[w] !== undefined || TENS[w] !== undefined || w === 'hundred' || w === 'thousand' || w === 'dozen' || w === 'dozens' || w === 'scores'
}

/** Vague quantities and their documented ranges. */
export const VAGUE: Readonly<Record<string, readonly [number, number | null]>> = {
  few: [2, 5],
  several: [3, 9],
  dozens: [24, 99],
  scores: [40, 199],
  hundreds: [200, 999],
  thousands: [2000, null],
  handful: [2, 5],
  multiple: [2, null],
  numerous: [2, null],
}

type Bound = 'at_least' | 'more_than' | 'at_most' | 'less_than' | 'about' | 'only'
// Multi-word qualifiers, longest first so "no more than" wins over "more than".
const QUALIFIER_PHRASES: readonly (readonly [readonly string[], Bound])[] = (
  [
    [['no', 'fewer', 'than'], 'at_least'],
    [['no', 'less', 'than'], 'at_least'],
    [['not', 'less', 'than'], 'at_least'],
    [['not', 'fewer', 'than'], 'at_least'],
    [['no', 'more', 'than'], 'at_most'],
    [['not', 'more', 'than'], 'at_most'],
    [['a', 'minimum', 'of'], 'at_least'],
    [['a', 'maximum', 'of'], 'at_most'],
    [['at', 'least'], 'at_least'],
    [['at', 'most'], 'at_most'],
    [['more', 'than'], 'more_than'],
    [['upwards', 'of'], 'more_than'],
    [['in', 'excess', 'of'], 'more_than'],
    [['up', 'to'], 'at_most'],
    [['as', 'many', 'as'], 'at_most'],
    [['fewer', 'than'], 'less_than'],
    [['less', 'than'], 'less_than'],
    [['close', 'to'], 'at_most'],
    [['an', 'estimated'], 'about'],
    [['a', 'total', 'of'], 'only'],
    [['a', 'further'], 'only'],
    [['another'], 'only'],
    [['over'], 'more_than'],
    [['nearly'], 'at_most'],
    [['almost'], 'at_most'],
    [['about'], 'about'],
    [['around'], 'about'],
    [['approximately'], 'about'],
    [['roughly'], 'about'],
    [['some'], 'about'],
    [['estimated'], 'about'],
    [['only'], 'only'],
    [['just'], 'only'],
  ] as const
).slice()

/** Parses a plain number (digits or words) at `i`; returns its value and the index after it. */
export function parseNumber(toks: readonly Token[], i: number): { value: number; to: number } | null {
  const t = toks[i]
  if (t === undefined) return null
  if (t.kind === 'num') {
    if (t.text.includes('.')) return null // decimals are never head counts
    const next = toks[i + 1]
    // "10pm", "1st", "4km": digits glued to letters are times, ordinals or measures, never head counts.
    if (next !== undefined && next.gap === '' && next.kind === 'word') return null
    if (next !== undefined && next.gap === '' && (next.text === ':' || next.text === '%')) return null
    const value = Number(t.text.replace(/,/g, ''))
    return Number.isSafeInteger(value) ? { value, to: i + 1 } : null
  }
  if (t.kind !== 'word') return null
  let j = i
  let total = 0
  let cur = 0
  let any = false
  const dozen = (): boolean => toks[j]?.lower === 'dozen'
  if (t.lower === 'a' || t.lower === 'an') {
    const n = toks[i + 1]?.lower
    if (n === 'dozen') return { value: 12, to: i + 2 }
    if (n === 'hundred') {
      cur = 100
      j = i + 2
      any = true
    } else if (n === 'thousand') {
      cur = 1000
      j = i + 2
      any = true
    } else if (n === 'couple' && toks[i + 2]?.lower === 'of') return { value: 2, to: i + 3 }
    else return null
  }
  if (t.lower === 'half' && toks[i + 1]?.lower === 'a' && toks[i + 2]?.lower === 'dozen') return { value: 6, to: i + 3 }
  for (;;) {
    const w = toks[j]
    if (w === undefined || w.kind !== 'word') break
    if (any && w.gap !== '' && w.gap !== ' ' && !/^\s+$/.test(w.gap)) break
    const u = UNITS[w.lower]
    const tens = TENS[w.lower]
    if (tens !== undefined) {
      cur += tens
      j++
      any = true
      // "twenty-one" and "twenty one"
      const h = toks[j]
      if (h?.text === '-' && h.gap === '' && toks[j + 1]?.gap === '' && UNITS[toks[j + 1]!.lower] !== undefined && UNITS[toks[j + 1]!.lower]! < 10) {
        cur += UNITS[toks[j + 1]!.lower]!
        j += 2
      } else if (h !== undefined && UNITS[h.lower] !== undefined && UNITS[h.lower]! < 10 && UNITS[h.lower]! > 0) {
        cur += UNITS[h.lower]!
        j++
      }
      continue
    }
    if (u !== undefined) {
      if (any && cur % 100 !== 0) break // "five six" is two numbers
      cur += u
      j++
      any = true
      continue
    }
    if (any && w.lower === 'hundred') {
      cur = (cur === 0 ? 1 : cur) * 100
      j++
      if (toks[j]?.lower === 'and' && (UNITS[toks[j + 1]?.lower ?? ''] !== undefined || TENS[toks[j + 1]?.lower ?? ''] !== undefined)) j++
      continue
    }
    if (any && w.lower === 'thousand') {
      total += (cur === 0 ? 1 : cur) * 1000
      cur = 0
      j++
      continue
    }
    break
  }
  if (!any) return null
  let value = total + cur
  if (dozen()) {
    value *= 12
    j++
  }
  return { value, to: j }
}

// Qualifier phrases by their first word, so a token that starts none costs one map lookup.
const PHRASES_BY_FIRST = new Map<string, (readonly [readonly string[], Bound])[]>()
for (const entry of QUALIFIER_PHRASES) {
  const list = PHRASES_BY_FIRST.get(entry[0][0]!) ?? []
  list.push(entry)
  PHRASES_BY_FIRST.set(entry[0][0]!, list)
}

function matchPhrase(toks: readonly Token[], i: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (toks[i + k]?.lower !== words[k]) return false
  return true
}

const ARTICLES = new Set(['a', 'an', 'his', 'her', 'their'])
const RANGE_LINKS = new Set(['-', '–', '—', 'to', 'or'])

/**
 * Parses a quantity starting exactly at token `i`: optional qualifier, a number (or "a"/"an", a zero word, a
 * vague word), then an optional range end and suffix ("or more", "-plus").
 */
export function parseQuantity(toks: readonly Token[], i: number): Quantity | null {
  let j = i
  let bound: Bound | null = null
  for (const [words, b] of PHRASES_BY_FIRST.get(toks[j]?.lower ?? '') ?? []) {
    if (matchPhrase(toks, j, words)) {
      bound = b
      j += words.length
      break
    }
  }
  const t = toks[j]
  if (t === undefined) return null
  // Zero: "no", "none", "no one", "nobody".
  if (bound === null) {
    if (t.lower === 'none' || t.lower === 'nobody' || t.lower === 'noone') return { min: 0, max: 0, qualifier: 'exact', from: i, to: j + 1, form: 'zero' }
    if (t.lower === 'no') {
      if (toks[j + 1]?.lower === 'one' && toks[j + 1]?.gap !== '') return { min: 0, max: 0, qualifier: 'exact', from: i, to: j + 2, form: 'zero' }
      return { min: 0, max: 0, qualifier: 'exact', from: i, to: j + 1, form: 'zero' }
    }
  }
  // Between X and Y.
  if (t.lower === 'between' || t.lower === 'from') {
    const a = parseNumber(toks, j + 1)
    const link = a ? toks[a.to]?.lower : undefined
    if (a && (link === 'and' || (t.lower === 'from' && link === 'to') || link === '-')) {
      const b = parseNumber(toks, a.to + 1)
      if (b && b.value > a.value) return { min: a.value, max: b.value, qualifier: 'range', from: i, to: b.to, form: 'number' }
    }
    return null
  }
  // Vague quantities.
  let vagueWord = t.lower
  let vj = j + 1
  if ((t.lower === 'a' || t.lower === 'an') && (toks[j + 1]?.lower === 'few' || toks[j + 1]?.lower === 'handful')) {
    vagueWord = toks[j + 1]!.lower
    vj = j + 2
  }
  const v = vagueWord === 'few' && t.lower === 'few' ? undefined : VAGUE[vagueWord]
  if (v !== undefined) {
    if (toks[vj]?.lower === 'of') vj++
    return { min: v[0], max: v[1], qualifier: 'vague', from: i, to: vj, form: 'vague' }
  }
  // "a grandmother", and possessives naming one relative: "his 14-year-old son", "her husband".
  const isArticle = ARTICLES.has(t.lower) && !['dozen', 'hundred', 'thousand', 'couple'].includes(toks[j + 1]?.lower ?? '')
  if (isArticle) {
    if (bound !== null) return null
    return { min: 1, max: 1, qualifier: 'exact', from: i, to: j + 1, form: 'article' }
  }
  const a = parseNumber(toks, j)
  if (a === null) return null
  const min = a.value
  let max = a.value
  let qualifier: Qualifier = 'exact'
  let to = a.to
  const link = toks[to]
  if (link !== undefined && RANGE_LINKS.has(link.lower)) {
    const tight = link.text.length === 1 && !/\p{L}/u.test(link.text)
    const b = tight && link.gap !== '' && link.gap !== ' ' ? null : parseNumber(toks, to + 1)
    if (b !== null && b.value > a.value && (link.lower !== 'or' || b.value <= a.value * 2 + 2)) {
      max = b.value
      qualifier = 'range'
      to = b.to
    }
  }
  // Suffixes: "or more", "-plus", "+", "-odd".
  const s = toks[to]
  if (s?.lower === 'or' && toks[to + 1]?.lower === 'more') {
    max = Number.POSITIVE_INFINITY
    to += 2
  } else if ((s?.text === '+' && s.gap === '') || (s?.text === '-' && s.gap === '' && (toks[to + 1]?.lower === 'plus' || toks[to + 1]?.lower === 'odd'))) {
    if (s.text === '-' && toks[to + 1]?.lower === 'odd') qualifier = 'about'
    else max = Number.POSITIVE_INFINITY
    to += s.text === '+' ? 1 : 2
  }
  if (max === Number.POSITIVE_INFINITY) return { min, max: null, qualifier: 'at_least', from: i, to, form: 'number' }
  switch (bound) {
    case 'at_least':
      return { min, max: null, qualifier: 'at_least', from: i, to, form: 'number' }
    case 'more_than':
      return { min: (qualifier === 'range' ? min : max) + 1, max: null, qualifier: 'at_least', from: i, to, form: 'number' }
    case 'at_most':
      // "up to 4-5" states both bounds.
      return qualifier === 'range' ? { min, max, qualifier: 'range', from: i, to, form: 'number' } : { min: null, max, qualifier: 'at_most', from: i, to, form: 'number' }
    case 'less_than':
      return max === 0 ? null : { min: null, max: max - 1, qualifier: 'at_most', from: i, to, form: 'number' }
    case 'about':
      return { min, max, qualifier: qualifier === 'range' ? 'range' : 'about', from: i, to, form: 'number' }
    default:
      return { min, max, qualifier, from: i, to, form: 'number' }
  }
}
