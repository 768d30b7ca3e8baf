/**
 * @module Zero claims: "no civilians were killed", "there were no civilian casualties", "none of the dead were
 * civilians", and an account in which all the dead are militants, are claims of 0 civilians by their claimant.
 *
 * Runs after the figure rules, on their drafts and the same sentences: it marks the zeros they found as explicit,
 * adds the ones their number-first rules cannot see ("no civilian casualties", the second half of "killed or
 * injured"), mends "none of the dead were civilians" (0 civilians, never 0 dead), and adds an implied 0 civilians
 * for each claimant whose whole account of a strike's dead is militants. Each new claim quotes its sentence, so a
 * reviewer sees why.
 */
import type { ClaimDraft } from '../domain/claim.js'
import type { Category, Measure } from '../domain/values.js'
import { findSpeaker } from './attribution.js'
import { paragraphChunks, splitSentences, tokenize, type Sentence } from './tokens.js'

type Zero = { measures: Measure[]; categories: Category[]; at: number }

const GROUP = String.raw`(civilians?|non-?combatants|bystanders|women(?:\s+(?:or|and|nor)\s+children)?|children(?:\s+(?:or|and|nor)\s+women)?)`
const HARM = String.raw`(killed|died|dead|harmed|hurt|injured|wounded|present|among\s+the\s+(?:dead|killed|casualties|victims))`
// "no civilians were killed or injured", "no women or children were present", "no civilians had been harmed"
const NO_GROUP_WERE = new RegExp(String.raw`\bno\s+${GROUP}\s+(?:were|was|had\s+been|have\s+been|has\s+been|are\s+believed\s+to\s+have\s+been)\s+(?:\w+ly\s+)?${HARM}(?:\s+(?:or|and|nor)\s+(killed|injured|wounded|hurt))?`, 'gi')
// "there were no civilian casualties", "caused no civilian deaths", "no civilian harm"
const NO_GROUP_NOUN = /\bno\s+(civilian|child|children|women)\s+(casualties|deaths|fatalities|injuries|harm|victims)\b/gi
// "none of the dead were civilians", "none of those killed was a civilian"
const NONE_OF = /\bnone\s+of\s+(?:the|those)\s+(dead|killed|victims|casualties|people\s+killed|wounded|injured)\s+(?:were|was)\s+(?:an?\s+)?(civilians?|children|a\s+child|women)\b/gi

function categoriesOf(group: string): Category[] {
  const g = group.toLowerCase()
  const out: Category[] = []
  if (g.startsWith('civilian') || g.includes('combatant') || g.startsWith('bystander')) out.push('civilians')
  if (g.includes('child')) out.push('children')
  if (g.includes('women')) out.push('women')
  return out
}

function measuresOf(word: string): Measure[] {
  const w = word.toLowerCase()
  // Harm and casualties cover both the dead and the injured.
  if (w === 'harmed' || w === 'harm' || w.endsWith('casualties') || w.endsWith('victims')) return ['killed', 'injured']
  if (w === 'injured' || w === 'wounded' || w === 'hurt' || w === 'injuries') return ['injured']
  return ['killed']
}

/** The zeros a sentence states, in the order found. */
function zerosIn(sentence: string): Zero[] {
  const out: Zero[] = []
  for (const m of sentence.matchAll(NO_GROUP_WERE)) {
    const measures = new Set(measuresOf(m[2]!))
    if (m[3] !== undefined) for (const x of measuresOf(m[3])) measures.add(x)
    out.push({ measures: [...measures], categories: categoriesOf(m[1]!), at: m.index })
  }
  for (const m of sentence.matchAll(NO_GROUP_NOUN)) out.push({ measures: measuresOf(m[2]!), categories: categoriesOf(m[1]!.replace(/^child$/i, 'children')), at: m.index })
  for (const m of sentence.matchAll(NONE_OF)) out.push({ measures: measuresOf(m[1]!), categories: categoriesOf(m[2]!), at: m.index })
  return out
}

const inside = (c: ClaimDraft, s: Sentence): boolean => c.span.start >= s.start && c.span.end <= s.end

/** The sentence itself, without surrounding spaces, as a quote with its span. */
function sentenceQuote(text: string, s: Sentence): { quote: string; span: { start: number; end: number } } {
  let start = s.start
  let end = s.end
  while (start < end && /\s/.test(text[start]!)) start++
  while (end > start && /\s/.test(text[end - 1]!)) end--
  return { quote: text.slice(start, end), span: { start, end } }
}

/**
 * The drafts with the text's zero claims marked, mended and added (explicit first, then implied), in text order.
 * `speakers` gives, by a sentence's start, who speaks there as extraction resolved it ("…, he said" names the
 * spokesman of the paragraph before); without it a sentence's own named speaker is used.
 */
export function withZeroClaims(text: string, drafts: readonly ClaimDraft[], speakers: ReadonlyMap<number, string> = new Map()): ClaimDraft[] {
  let out = drafts.map((d) => (d.min === 0 && d.max === 0 && d.measure !== 'strikes' ? { ...d, zero: 'explicit' as const } : d))
  if (MAY_STATE_ZERO.test(text)) out = explicitZeros(text, out, speakers)
  return impliedZeros(out)
}

/** A sentence that states a zero says "no …" or "none of …": only those are looked at closely. */
export const MAY_STATE_ZERO = /\bno(?:ne)?\b/i

/**
 * Looks at every sentence once, in text order, with the drafts sorted by position walked alongside it, so the work
 * is linear in the text and its claims (a 16 MB text reads as fast as prose). The text is tokenized a part at a time,
 * as extraction does, so memory stays bounded too.
 */
function explicitZeros(text: string, drafts: ClaimDraft[], speakers: ReadonlyMap<number, string>): ClaimDraft[] {
  const sorted = [...drafts].sort((a, b) => a.span.start - b.span.start)
  const removed = new Set<ClaimDraft>()
  const added: ClaimDraft[] = []
  let next = 0
  let previous: ClaimDraft | null = null
  for (const s of sentencesOf(text)) {
    // The drafts inside this sentence: those starting before its end, once the ones before its start are passed.
    while (next < sorted.length && sorted[next]!.span.start < s.start) previous = sorted[next++]!
    const own: ClaimDraft[] = []
    for (let k = next; k < sorted.length && sorted[k]!.span.start < s.end; k++) if (inside(sorted[k]!, s)) own.push(sorted[k]!)
    const sentence = text.slice(s.start, s.end)
    if (!MAY_STATE_ZERO.test(sentence)) continue
    const zeros = zerosIn(sentence)
    if (zeros.length === 0) continue
    const context = own[0] ?? previous ?? sorted.find((c, k) => k >= next && c.span.start >= s.end) ?? null
    // "None of the dead were civilians": the figure rules read 0 dead; it says 0 civilians.
    NONE_OF.lastIndex = 0
    if (NONE_OF.test(sentence)) for (const c of own) if (c.category === 'total' && c.min === 0 && c.max === 0) removed.add(c)
    NONE_OF.lastIndex = 0
    const kept = own.filter((c) => !removed.has(c))
    const speaker = findSpeaker(s.tokens)
    const claimant = kept.find((c) => c.min === 0)?.claimant ?? kept[0]?.claimant ?? speakers.get(s.start) ?? (speaker?.kind === 'name' ? speaker.name : (context?.claimant ?? null))
    const q = sentenceQuote(text, s)
    const mine: ClaimDraft[] = []
    for (const z of zeros) {
      for (const measure of z.measures) {
        for (const category of z.categories) {
          const same = (c: ClaimDraft): boolean => c.measure === measure && c.category === category && c.min === 0 && c.max === 0
          if (kept.some(same) || mine.some(same)) continue
          mine.push({
            measure,
            category,
            min: 0,
            max: 0,
            qualifier: 'exact',
            scope: context?.scope ?? 'incident',
            incidents: null,
            period: context?.period ?? { start: null, end: null, precision: null },
            place: context?.place ?? null,
            actor: context?.actor ?? null,
            claimant,
            quote: q.quote,
            span: q.span,
            extractor: drafts[0]?.extractor ?? 'rules@1.0.0',
            eventKey: context?.scope === 'aggregate' ? null : (context?.eventKey ?? null),
            names: [],
            zero: 'explicit',
          })
        }
      }
    }
    added.push(...mine)
    if (own.length > 0) previous = own[own.length - 1]!
  }
  if (added.length === 0 && removed.size === 0) return drafts
  return [...drafts.filter((c) => !removed.has(c)), ...added].sort((a, b) => a.span.start - b.span.start)
}

/** The sentences of `text`, tokenized a part at a time (paragraphChunks). */
function* sentencesOf(text: string): Generator<Sentence> {
  for (const [from, to] of paragraphChunks(text, 1 << 20)) yield* splitSentences(tokenize(text, from, to))
}

// A militant label inside quotation marks: the writer's distance from it.
const SCARE_QUOTED = /[“"‘']\s*(?:alleged\s+|suspected\s+)?(?:militants?|fighters?|insurgents?|terrorists?)\s*[.,]?\s*[”"’']/i

/**
 * A claimant whose whole account of a strike's dead is militants ("officials said five militants were killed", and
 * nothing else of that strike's dead) leaves no room for civilians: an implied 0 civilians, quoting its sentence.
 */
function impliedZeros(drafts: ClaimDraft[]): ClaimDraft[] {
  const accounts = new Map<string, ClaimDraft[]>()
  for (const c of drafts) {
    if (c.scope !== 'incident' || c.measure !== 'killed') continue
    const k = `${c.eventKey ?? ''}|${(c.claimant ?? '').toLowerCase()}`
    const l = accounts.get(k)
    if (l) l.push(c)
    else accounts.set(k, [c])
  }
  const added: ClaimDraft[] = []
  for (const list of accounts.values()) {
    if (!list.every((c) => c.category === 'militants') || !list.some((c) => (c.min ?? 0) > 0)) continue
    // "several foreign fighters were reported killed" names some of the dead, not all of them; "killing 14
    // 'militants'" keeps the label at a distance: neither leaves civilians out.
    if (list.some((c) => c.qualifier === 'vague') || list.every((c) => SCARE_QUOTED.test(c.quote))) continue
    const first = list.find((c) => (c.min ?? 0) > 0)!
    added.push({ ...first, category: 'civilians', min: 0, max: 0, qualifier: 'exact', zero: 'implied', names: [] })
  }
  if (added.length === 0) return drafts
  return [...drafts, ...added].sort((a, b) => a.span.start - b.span.start)
}
