/**
 * @module The casualty rules: finds every figure in a text and builds a ClaimDraft for it, with its measure,
 * category, range, qualifier, scope, period, place, actor, claimant and quote.
 *
 * Per sentence: parse quantities (numbers.ts), find each one's head noun (its category), then decide what it
 * counts from the words around it: a governing verb before it ("killed 19"), a casualty noun ("eight deaths"),
 * a predicate after it ("18 labourers were killed"), a subset ("including three children"), a list it belongs
 * to ("a woman and 3 kids"), or a strike noun ("59 drone attacks"). A quantity with none of these is not a claim,
 * which is what keeps years, ages, money, times and delegation sizes out.
 */
import type { ClaimDraft } from '../domain/claim.js'
import type { LocalDate, Period } from '../domain/dates.js'
import type { Place } from '../domain/place.js'
import { PLACE_PRECISIONS, type Category, type Measure, type Scope } from '../domain/values.js'
import type { Sex, VictimDraft } from '../domain/victim.js'
import { datelineEnd, findSpeakers, isPersonName, resolveName, subjectPerson, type Speaker } from './attribution.js'
import {
  AUXILIARIES,
  CASUALTY_NOUNS,
  CATEGORY_MODIFIERS,
  GOVERNING_VERBS,
  MODIFIERS,
  PERSON_NOUNS,
  PREDICATES,
  REPORTING_VERBS,
  STRIKE_NOUNS,
} from './lexicon.js'
import { parseQuantity, type Quantity } from './numbers.js'
import { findTimes, isMonth, isWeekday, isYear, type TimeMention } from './periods.js'
import { actorFromWord, placesInPhrase, type PlaceMention } from './places.js'
import { paragraphChunks, splitSentences, tokenize, type Sentence, type Token } from './tokens.js'
import { withAdditionalSums } from './additional-figures.js'
import { withDocumentEvents } from './document-events.js'
import { inOtherAttack } from './other-attacks.js'
import { MAY_STATE_ZERO, withZeroClaims } from './zero-claims.js'

/**
 * How a claim's figure stands to the others of its strike: `subset`, a part of a group counted elsewhere ("including
 * three children"; sums leave it out); `additional`, people beyond a group counted elsewhere ("2 more killed", "with
 * six others"; totals add it). A field of the claim, so a copy of the claim keeps it.
 */
export type FigurePart = 'subset' | 'additional'

/** A claim as extraction proposes it: a draft, with how its figure stands to the others when that matters. */
export type ExtractedClaim = ClaimDraft & { readonly part?: FigurePart }

/** The rule set's name and version, stored on every claim it proposes. */
export const EXTRACTOR_VERSION = 'rules@1.0.0'

/** Options for `extract`. */
export interface ExtractOptions {
  /** The publication date; relative dates ("Thursday", "last month") stay unresolved without it. */
  readonly published?: LocalDate | null
  /** Characters tokenized at a time (about 1 MB by default); the claims are the same whatever it is. */
  readonly chunkChars?: number
  /** Who published the text: the claimant of figures it gives in its own voice (a dateline's wire credit otherwise). */
  readonly publisher?: string | null
}

/** A named victim found by extraction, with the index (in `claims`) of the claim that counts them. */
export interface ExtractedVictim extends VictimDraft {
  readonly claim: number
}

/** What extraction returns: the claims in text order, the victims they name, and remarks about what could not be resolved. */
export interface ExtractionResult {
  readonly claims: ExtractedClaim[]
  readonly victims: ExtractedVictim[]
  readonly notes: string[]
}

interface Figure {
  q: Quantity
  /** Token index after the head noun phrase. */
  end: number
  category: Category
  headFound: boolean
  measure: Measure | null
  strike: boolean
  /** Token range the claim's evidence covers (governor or predicate included). */
  evFrom: number
  evTo: number
  subset: boolean
  additional: boolean
  /** The people the figure names ("Gul Rahman was killed"), without their fate (the figure's measure gives it). */
  victims?: Omit<VictimDraft, 'fate'>[]
}

// Tokens that may begin a quantity; everything else is skipped without calling the parser.
const QUANTITY_STARTS = new Set([
  'a', 'an', 'his', 'her', 'their', 'no', 'none', 'nobody', 'noone', 'between', 'from', 'several', 'dozens', 'scores', 'hundreds', 'thousands', 'few', 'half',
  'at', 'more', 'upwards', 'in', 'up', 'as', 'fewer', 'less', 'close', 'over', 'nearly', 'almost', 'about', 'around', 'approximately',
  'roughly', 'some', 'estimated', 'only', 'just', 'not', 'another', 'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven',
  'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
  'thirty', 'forty', 'fourty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'handful', 'multiple', 'numerous',
])
// Words that end a figure's noun phrase without making the figure meaningless ("killing 12 in", "4-8 killed,").
const PHRASE_ENDS = new Set([
  'in', 'on', 'at', 'and', 'or', 'but', 'when', 'while', 'after', 'as', 'by', 'from', 'during', 'near', 'including', 'with', 'among',
  'inside', 'outside', 'across', 'since', 'for', 'who', 'whom', 'which', 'that', 'also', 'last', 'this', 'early', 'late', 'earlier',
  'later', 'overnight', 'yesterday', 'today', 'there', 'here', 'so', 'to', 'into', 'along', 'alongside', 'plus', 'according', 'said',
  'says', 'say', 'told', 'according', 'reportedly', 'allegedly', 'amid', 'following', 'before', 'until', 'within', 'around', 'against',
])
/** A word that may trail a figure's head noun inside one list item ("a named militant leader and …"). */
function isNounish(t: Token): boolean {
  return t.kind === 'word' && !PREDICATES.has(t.lower) && !GOVERNING_VERBS.has(t.lower) && !AUXILIARIES.has(t.lower) && !t.lower.endsWith('ly')
}
const HEDGE_BEFORE = new Set(['possibly', 'perhaps', 'maybe'])

/** Start of a hedge such as "possibly all", "all possibly" or "possibly" right before token `i`. */
function hedgeStart(toks: readonly Token[], i: number): number {
  let j = i
  while (j > 0 && j > i - 3 && HEDGE_WORDS.has(toks[j - 1]!.lower)) j--
  return j
}
// "possibly all", "all possibly", "possibly including", "some possibly": words of a hedge on the status of the dead.
const HEDGE_WORDS = new Set(['possibly', 'all', 'perhaps', 'maybe', 'including', 'some'])
const HEDGE_CORE = new Set(['possibly', 'perhaps', 'maybe'])
const HEDGES = new Set(['possibly', 'reportedly', 'allegedly', 'all', 'both', 'mostly', 'mainly', 'probably', 'likely', 'apparently', 'suspected'])
// Nouns a number counts that are never people: weapons, buildings, vehicles, units of time and distance.
const NOT_PEOPLE = new Set([
  'missiles', 'missile', 'rockets', 'rocket', 'drones', 'drone', 'bombs', 'bomb', 'shells', 'houses', 'house', 'homes', 'buildings', 'cars', 'car',
  'vehicles', 'vehicle', 'trucks', 'hours', 'hour', 'days', 'day', 'minutes', 'minute', 'years', 'year', 'months', 'month', 'weeks', 'week',
  'kilometres', 'kilometers', 'km', 'miles', 'mile', 'metres', 'meters', 'times', 'rounds', 'shots', 'hellfire', 'hellfires', 'planes', 'aircraft',
  'compounds', 'villages', 'sources', 'reports', 'accounts', 'cases', 'incidents', 'targets', 'locations', 'sites', 'provinces', 'districts',
])
const QUOTE_CHARS = new Set(['“', '”', '"', "'", '‘', '’'])
const SUBSET_CUES = new Set(['including', 'incl', 'includes', 'included', 'among'])
const COORDINATORS = new Set(['and', ',', 'plus', '&'])
const WITH_CUES = new Set(['with', 'alongside'])
const STATEMENT_CUES = new Set(['said', 'report', 'reported', 'statement', 'told', 'released', 'published', 'hearing', 'testimony', 'announced', 'says', 'reports'])
const TOLL_LINKS = new Set(['of', 'at', 'to', 'rose', 'risen', 'has', 'had', 'climbed', 'reached', 'stands', 'stood', 'is', 'was', 'now', 'jumped', 'increased', 'hit', 'mounted', 'rises', 'reaches'])
const ACTOR_NEXT = new Set(['drone', 'drones', 'strike', 'strikes', 'attack', 'attacks', 'air', 'airstrike', 'airstrikes', 'missile', 'missiles', 'forces', 'military', 'warplanes', 'jets', 'aircraft', 'coalition', 'predator', 'reaper', 'unmanned', 'spy', 'planes', 'war', 'led', 'special', 'army', 'navy', 'gunship', 'helicopter', 'helicopters', 'bombing', 'bombers', 'pilotless'])
const AGGREGATE_WORDS = new Set(['total', 'overall', 'altogether', 'campaign', 'program', 'programme', 'cumulative', 'combined'])

// Categories that are all civilians: a group of them together is civilians.
const CIVILIAN_PARTS: ReadonlySet<Category> = new Set(['civilians', 'women', 'children'])

const isCapWord = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word' && t.text[0] !== t.lower[0]

/** Finds the head noun after a quantity; null when the quantity counts something other than people or strikes. */
type Head = Omit<Figure, 'measure' | 'evFrom' | 'evTo' | 'subset' | 'additional'> & { measure?: Measure; pair?: Category[] }

function headOf(toks: readonly Token[], q: Quantity): Head | null {
  let k = q.to
  let modCat: Category | null = null
  let measure: Measure | null = null
  let unknownUsed = false
  const first = toks[k]
  // "three-member", "12-year-old", "two-day": a compound adjective, so the number counts something else.
  if (first !== undefined && first.gap === '' && (first.text === '-' || first.text === '–') && toks[k + 1]?.kind === 'word' && toks[k + 1]!.gap === '') return null
  if (first !== undefined && (first.text === '$' || first.text === '%')) return null
  for (let steps = 0; steps < 7; steps++) {
    const t = toks[k]
    if (t === undefined) break
    if (QUOTE_CHARS.has(t.text)) {
      k++
      continue
    }
    const person = PERSON_NOUNS.get(t.lower)
    // "civilian deaths": a person noun before a casualty noun is a modifier.
    if (person !== undefined && CASUALTY_NOUNS.has(toks[k + 1]?.lower ?? '') && person.category !== 'total') {
      modCat = person.category
      k++
      continue
    }
    if (person !== undefined) {
      if (q.form === 'article' && !person.singular) return null
      let category = t.lower === 'others' && modCat !== null ? modCat : (person.category === 'total' || person.category === 'unknown') && modCat !== null ? modCat : person.category
      // "killed with six others": people beyond those already counted, so the total adds them.
      if (t.lower === 'others' && WITH_CUES.has(toks[q.from - 1]?.lower ?? '')) category = 'unknown'
      k++
      // "police officers", "Taliban fighters", "security guards": the last noun of a compound is its head.
      const compound = PERSON_NOUNS.get(toks[k]?.lower ?? '')
      if (compound !== undefined && (compound.singular === person.singular || !compound.singular)) {
        if (compound.category !== 'total' && compound.category !== 'unknown') category = compound.category
        k++
      }
      if (QUOTE_CHARS.has(toks[k]?.text ?? '')) k++
      // "4 militants or civilians killed": an alternative leaves the status open. Adjectives may sit before the other
      // noun ("a father and young child", "several elders and tribal policemen").
      let o = k + 1
      while (o < k + 3 && MODIFIERS.has(toks[o]?.lower ?? '') && !ARTICLE_WORDS.has(toks[o]!.lower) && PERSON_NOUNS.has(toks[o + 1]?.lower ?? '')) o++
      const other = PERSON_NOUNS.get(toks[o]?.lower ?? '')
      if ((toks[k]?.lower === 'or' || toks[k]?.lower === 'and') && other !== undefined && other.category !== category) {
        // "4 militants or civilians": status open; "7 alleged militants and rescuers": a mixed group; "a woman and
        // child": two people, both civilians.
        const and = toks[k]!.lower === 'and'
        const civil = CIVILIAN_PARTS.has(category) && CIVILIAN_PARTS.has(other.category)
        const parts = [category, other.category]
        category = !and ? 'unknown' : civil ? 'civilians' : 'total'
        k = o + 1
        if (and && q.form === 'article' && other.singular) return { q: { ...q, min: 2, max: 2, to: k }, end: k, category, headFound: true, strike: false, pair: parts }
      }
      return { q, end: k, category, headFound: true, strike: false }
    }
    const cm = CASUALTY_NOUNS.get(t.lower)
    if (cm !== undefined && q.form !== 'article') {
      // "lives" counts only in "N lives were lost"/"claimed N lives"; as a noun phrase it is a casualty count.
      measure = cm
      return { q, end: k + 1, category: modCat ?? 'total', headFound: true, strike: false, measure }
    }
    if (STRIKE_NOUNS.has(t.lower)) {
      if (q.form === 'zero' || q.form === 'article') return null
      return { q, end: k + 1, category: 'total', headFound: true, strike: true }
    }
    const mc = CATEGORY_MODIFIERS.get(t.lower)
    if (mc !== undefined) {
      modCat = mc
      k++
      continue
    }
    if (t.lower === 'members' || t.lower === 'member') {
      if (q.form === 'article' && t.lower === 'members') return null
      const of = membersOf(toks, k + 1)
      if (of !== null) return { q, end: of.end, category: of.category, headFound: true, strike: false }
      return { q, end: k + 1, category: modCat ?? 'unknown', headFound: true, strike: false }
    }
    if (MODIFIERS.has(t.lower) || (isCapWord(t) && !isMonth(t)) || (t.text === '-' && t.gap === '') || /['’]s$/.test(t.lower)) {
      // A number right after another number is a different figure ("in 2012 18 labourers").
      k++
      continue
    }
    // "two possibly civilians", "mostly girls": a hedge before the head noun.
    if (HEDGES.has(t.lower) && PERSON_NOUNS.has(toks[k + 1]?.lower ?? '')) {
      k++
      continue
    }
    // "a 12-year-old boy", "a 9 year old boy": an age is a modifier.
    if (t.kind === 'num' && (toks[k + 1]?.text === '-' || toks[k + 1]?.lower === 'year' || toks[k + 1]?.lower === 'years')) {
      let e = k + 1
      while (e < k + 6 && toks[e] !== undefined && (toks[e]!.text === '-' || ['year', 'years', 'old', 'month', 'months'].includes(toks[e]!.lower))) e++
      if (toks[e - 1]?.lower === 'old') {
        k = e
        continue
      }
    }
    if (t.kind === 'num') break
    // One unknown word (a misspelling, a rare adjective) before a person noun or a predicate: "Three alleged miltants killed".
    if (q.form === 'number' && t.kind === 'word' && !NOT_PEOPLE.has(t.lower) && !PHRASE_ENDS.has(t.lower) && !AUXILIARIES.has(t.lower) && !unknownUsed) {
      const n = toks[k + 1]
      if (n !== undefined && (PERSON_NOUNS.has(n.lower) || (PREDICATES.has(n.lower) && !activeObjectAfter(toks, k + 2)))) {
        unknownUsed = true
        if (PREDICATES.has(n.lower)) return { q, end: k + 1, category: modCat ?? 'total', headFound: true, strike: false }
        k++
        continue
      }
    }
    break
  }
  if (q.form === 'article' || (q.form === 'zero' && q.to - q.from === 1 && toks[q.from]!.lower === 'no')) return null
  const stop = toks[k]
  const okEnd =
    stop === undefined ||
    stop.kind === 'punct' ||
    stop.kind === 'num' ||
    PHRASE_ENDS.has(stop.lower) ||
    AUXILIARIES.has(stop.lower) ||
    PREDICATES.has(stop.lower) ||
    GOVERNING_VERBS.has(stop.lower) ||
    isCapWord(stop)
  if (!okEnd) return null
  // "a family of seven": a family's members are civilians.
  if (modCat === null && toks[q.from - 1]?.lower === 'of' && FAMILY_WORDS.has(toks[q.from - 2]?.lower ?? '')) return { q, end: k, category: 'civilians', headFound: true, strike: false }
  return { q, end: k, category: modCat ?? 'total', headFound: modCat !== null, strike: false }
}

// Words that begin a new noun phrase of their own ("a woman and a child"), never an adjective of the next noun.
const ARTICLE_WORDS = new Set(['a', 'an', 'the', 'his', 'her', 'their', 'its', 'of', 'them', 'these', 'those', 'whom', 'were'])

// Finite verbs that open a clause of their own, so a list never runs across them (unless a relative clause inside
// an item: "40 civilians who had hidden in the basement").
const CLAUSE_VERBS = new Set(['were', 'was', 'are', 'is', 'had', 'has', 'have', 'will', 'would'])
const RELATIVES = new Set(['who', 'which', 'that'])

const POSSESSIVES = new Set(['his', 'her', 'their'])

const FAMILY_WORDS = new Set(['family', 'families', 'household', 'households', 'clan'])

/**
 * "members of his family" (civilians), "members of a single family", "members of Al-Qaeda" (militants): the group
 * after "members of", and the index after it; null when the group says nothing of their status.
 */
function membersOf(toks: readonly Token[], k: number): { category: Category; end: number } | null {
  if (toks[k]?.lower !== 'of') return null
  for (let e = k + 1; e < Math.min(toks.length, k + 5); e++) {
    const w = toks[e]!.lower
    if (FAMILY_WORDS.has(w)) return { category: 'civilians', end: e + 1 }
    const c = CATEGORY_MODIFIERS.get(w) ?? PERSON_NOUNS.get(w)?.category
    if (c !== undefined && c !== 'total' && c !== 'unknown') return { category: c, end: e + 1 }
    if (toks[e]!.kind !== 'word' && toks[e]!.text !== '-') return null
  }
  return null
}

/** True when the tokens right after `k` make `word` an active verb with its own object ("militants killed 3 soldiers"). */
function activeObjectAfter(toks: readonly Token[], k: number): boolean {
  const n = toks[k]
  if (n === undefined) return false
  if (n.kind === 'num' || (isCapWord(n) && !isMonth(n) && !isWeekday(n)) || n.lower === 'al') return true
  if (PERSON_NOUNS.has(n.lower) || n.lower === 'a' || n.lower === 'an' || n.lower === 'at' || n.lower === 'up' || n.lower === 'more' || n.lower === 'his' || n.lower === 'her' || n.lower === 'their') return true
  const q = QUANTITY_STARTS.has(n.lower) ? parseQuantity(toks, k) : null
  return q !== null && q.form !== 'zero'
}

/** The measure a predicate after `k` gives ("were killed", "dead", "lost their lives"), and the index after it. */
function predicateAfter(toks: readonly Token[], k: number): { measure: Measure; to: number; among?: boolean } | null {
  const direct = predicateAt(toks, k) ?? predicateAcrossPhrase(toks, k)
  if (direct !== null && direct.measure === 'injured') {
    // "five who were injured later died": counted among the dead, and no longer among the injured.
    const died = laterDied(toks, direct.to)
    if (died !== null) return { measure: 'killed', to: died }
  }
  if (direct !== null) return direct
  // Skip an apposition: "8 people, many thought to be innocent woodcutters, were killed", "6 civilians -- names -- died".
  if (!APPOSITION_OPEN.has(toks[k]?.text ?? '')) return null
  for (let e = k + 1; e < Math.min(toks.length, k + 26); e++) {
    const t = toks[e]!
    if (t.text === '.' || t.text === ';' || GOVERNING_VERBS.has(t.lower)) return null
    if (APPOSITION_OPEN.has(t.text) || t.text === ')') {
      const p = predicateAt(toks, e + 1)
      if (p !== null) return p
    }
  }
  return null
}

const APPOSITION_OPEN = new Set([',', '-', '–', '—', '('])
// Words that may open a short phrase between a figure and its predicate: "5 people in a nearby house were injured",
// "Four people suspected of being militants were killed", "4 alleged militants including westerners killed".
const PHRASE_OPENERS = new Set(['in', 'inside', 'from', 'at', 'on', 'near', 'including', 'suspected', 'believed', 'thought', 'described', 'travelling', 'traveling', 'riding', 'driving', 'sitting', 'aboard', 'who'])

function predicateAcrossPhrase(toks: readonly Token[], k: number): { measure: Measure; to: number; among?: boolean } | null {
  if (!PHRASE_OPENERS.has(toks[k]?.lower ?? '')) return null
  for (let e = k + 1; e < Math.min(toks.length, k + 9); e++) {
    const t = toks[e]!
    if (t.kind === 'punct' || t.kind === 'num' || GOVERNING_VERBS.has(t.lower) && !PREDICATES.has(t.lower)) return null
    if ((t.lower === 'were' || t.lower === 'was' || t.lower === 'have' || t.lower === 'had') || PREDICATES.has(t.lower)) {
      const p = predicateAt(toks, e)
      return p
    }
  }
  return null
}

function predicateAt(toks: readonly Token[], k: number): { measure: Measure; to: number; among?: boolean } | null {
  let j = k
  for (let steps = 0; steps < 6 && j < toks.length; steps++) {
    const t = toks[j]!
    const m = PREDICATES.get(t.lower)
    if (m !== undefined) {
      // With an auxiliary ("were killed") the verb is passive; bare, it may be active with its own object.
      if (j === k && (t.lower === 'killed' || t.lower === 'injured' || t.lower === 'wounded' || t.lower === 'hurt') && activeObjectAfter(toks, j + 1)) return null
      return { measure: m, to: j + 1 }
    }
    if (t.lower === 'lost' && (toks[j + 1]?.lower === 'their' || toks[j + 1]?.lower === 'his' || toks[j + 1]?.lower === 'her') && toks[j + 2]?.lower === 'lives') return { measure: 'killed', to: j + 3 }
    if (t.lower === 'lives' && (toks[j + 1]?.lower === 'were' || toks[j + 1]?.lower === 'have') && toks[j + 2]?.lower === 'lost') return { measure: 'killed', to: j + 3 }
    // "pursued and killed": a participle joined to the predicate.
    if (t.kind === 'word' && t.lower.endsWith('ed') && toks[j + 1]?.lower === 'and' && PREDICATES.has(toks[j + 2]?.lower ?? '')) {
      j += 2
      continue
    }
    // "were 'critically injured'", "was seriously wounded": manner adverbs sit inside the predicate.
    const adverb = t.kind === 'word' && t.lower.length > 4 && t.lower.endsWith('ly') && t.text[0] === t.lower[0]
    // "a woman and child were among the injured", "two civilians among the dead": part of an uncounted group.
    if (t.lower === 'among' && toks[j + 1]?.lower === 'the') {
      const w = toks[j + 2]?.lower ?? ''
      const m = w === 'killed' ? 'killed' : CASUALTY_NOUNS.get(w)
      return m !== undefined && w !== 'lives' && w !== 'bodies' ? { measure: m, to: j + 3, among: true } : null
    }
    // "5-6 civilians … among up to 13 killed": part of a counted group.
    if (t.lower === 'among' && j > k) return null
    if (t.lower === 'among') {
      const q = parseQuantity(toks, j + 1)
      const after = q ? toks[q.to] : toks[j + 1]
      const m = after ? (PREDICATES.get(after.lower) ?? CASUALTY_NOUNS.get(after.lower)) : undefined
      return q && m !== undefined ? { measure: m, to: q.to + 1, among: true } : null
    }
    if (!AUXILIARIES.has(t.lower) && !QUOTE_CHARS.has(t.text) && !adverb) return null
    j++
  }
  return null
}

// What "put the … at N" estimates: "the number of dead", "the casualties", "the toll", "the number of wounded".
const ESTIMATED: ReadonlyMap<string, Measure> = new Map([
  ['dead', 'killed'], ['deaths', 'killed'], ['death', 'killed'], ['killed', 'killed'], ['toll', 'killed'], ['casualties', 'killed'],
  ['fatalities', 'killed'], ['wounded', 'injured'], ['injured', 'injured'], ['injuries', 'injured'],
])

/** The measure a word before the quantity gives ("killed", "death toll of"), and the index where the evidence starts. */
function governorBefore(toks: readonly Token[], from: number): { measure: Measure; at: number } | null {
  // "killing either six or 10 people"
  if (toks[from - 1]?.lower === 'either') from--
  const p = toks[from - 1]
  if (p === undefined) return null
  const g = GOVERNING_VERBS.get(p.lower)
  if (g !== undefined) return { measure: g, at: from - 1 }
  // "killed the two snipers": a definite group is still the verb's count.
  const g2 = p.lower === 'the' ? GOVERNING_VERBS.get(toks[from - 2]?.lower ?? '') : undefined
  if (g2 !== undefined) return { measure: g2, at: from - 2 }
  if (p.lower === 'of' && ['killing', 'killings', 'deaths', 'death', 'lives', 'injuring', 'wounding'].includes(toks[from - 2]?.lower ?? '')) {
    const w = toks[from - 2]!.lower
    return { measure: w.startsWith('injur') || w.startsWith('wound') ? 'injured' : 'killed', at: from - 2 }
  }
  // "death toll rose to 12", "toll of 12", "death toll from the drone strike rises to 15", "the death count was 13"
  const p1 = toks[from - 1]!.lower
  if (TOLL_LINKS.has(p1)) {
    for (let j = from - 2; j >= Math.max(0, from - 9); j--) {
      const t = toks[j]!
      if (t.lower === 'toll' || (t.lower === 'count' && toks[j - 1]?.lower === 'death')) return { measure: 'killed', at: j }
      if (t.kind !== 'word' || GOVERNING_VERBS.has(t.lower)) break
    }
  }
  // "put the number of dead at 35", "put the casualties between 22 and 25", "put the total dead at up to 95".
  for (let j = from - 1; j >= Math.max(0, from - 8); j--) {
    const t = toks[j]!
    if (t.kind !== 'word') break
    if (t.lower === 'put' || t.lower === 'puts' || t.lower === 'putting' || t.lower === 'placed' || t.lower === 'places') {
      let measure: Measure | null = null
      for (let k = j + 1; k < from; k++) {
        const w = toks[k]!.lower
        const m = ESTIMATED.get(w)
        if (m !== undefined) measure = m
      }
      return measure === null ? null : { measure, at: j }
    }
  }
  // "claimed the lives of 12"
  return null
}

// What may follow "a"/"an" in a count of people: a person noun, an adjective, an age, or a number word.
const AFTER_ARTICLE = new Set(['dozen', 'hundred', 'thousand', 'few', 'handful', 'couple', 'total', 'further', 'maximum', 'minimum'])

function quantityAt(toks: readonly Token[], i: number): Quantity | null {
  const t = toks[i]!
  if (t.kind !== 'num' && !QUANTITY_STARTS.has(t.lower)) return null
  if (t.lower === 'a' || t.lower === 'an' || t.lower === 'his' || t.lower === 'her' || t.lower === 'their') {
    const n = toks[i + 1]
    if (n === undefined) return null
    const n2 = toks[i + 2]?.lower ?? ''
    const plausible =
      n.kind === 'num' || PERSON_NOUNS.has(n.lower) || MODIFIERS.has(n.lower) || CATEGORY_MODIFIERS.has(n.lower) || AFTER_ARTICLE.has(n.lower) || PERSON_NOUNS.has(n2) || CATEGORY_MODIFIERS.has(n2) || isCapWord(n)
    if (!plausible) return null
  }
  // "[2]": a reference marker, never a count.
  if (toks[i - 1]?.text === '[' && toks[i + 1]?.text === ']') return null
  const q = parseQuantity(toks, i)
  if (q === null) return null
  // Years, dates, money and clock times are never counts of people.
  if (q.form === 'number') {
    const first = toks[q.to - 1]!
    if (q.to - q.from === 1 || q.qualifier !== 'range') {
      if (isYear(first) && first.text.indexOf(',') < 0 && !PERSON_NOUNS.has(toks[q.to]?.lower ?? '')) return null
    }
    const before = toks[q.from - 1]
    if (before !== undefined && (isMonth(before) || ['$', '£', '€', 'rs', 'rs.', 'usd', 'no', '#', 'page', 'pp', 'p'].includes(before.lower))) return null
    const after = toks[q.to]
    if (after !== undefined && (isMonth(after) || ['million', 'billion', 'percent', 'per', '%', 'dollars', 'rupees', 'pm', 'am', 'a.m.', 'p.m.', "o'clock", 'gmt', 'hours', 'hrs'].includes(after.lower))) return null
    if (after?.text === ':' && toks[q.to + 1]?.kind === 'num') return null
  }
  return q
}

/** Finds the figures of one sentence and decides what each counts. */
function figuresOf(toks: readonly Token[]): Figure[] {
  const figs: Figure[] = []
  for (let i = 0; i < toks.length; i++) {
    const q = quantityAt(toks, i)
    if (q === null) continue
    // "five of the dead were children", "two of the injured later died": a part of a group already counted.
    const part = partOfGroup(toks, q) ?? partOfThem(toks, q, figs)
    if (part === 'skip') continue
    if (part !== null) {
      figs.push({ q, end: part.end, category: part.category, headFound: true, strike: false, measure: part.measure, evFrom: q.from, evTo: part.end, subset: part.subset, additional: false })
      i = part.end - 1
      continue
    }
    const h = headOf(toks, q)
    if (h === null) continue
    // "a resident said", "two officials told AFP": people who speak are sources, not casualties.
    if (REPORTING_VERBS.has(toks[h.end]?.lower ?? '')) continue
    // Built field by field: an object spread here was the hottest line of the whole extractor.
    const fig: Figure = {
      q: h.q,
      end: h.end,
      category: h.category,
      headFound: h.headFound,
      strike: h.strike,
      measure: h.measure ?? null,
      evFrom: q.from,
      evTo: h.end,
      subset: false,
      additional: false,
    }
    if (fig.strike) fig.measure = 'strikes'
    // "possibly 3 civilians", "including possibly 5 civilians": the figure is an upper bound that may be none.
    let lead = q.from
    // "killed a family of Arabs, 'three men, two children…'": a quotation mark opening at the figure hides nothing.
    while (lead > 0 && QUOTE_CHARS.has(toks[lead - 1]!.text)) lead--
    if (HEDGE_BEFORE.has(toks[lead - 1]?.lower ?? '') && q.form === 'number' && q.max !== null) {
      lead--
      fig.q = { min: 0, max: q.max, qualifier: 'at_most', from: q.from, to: q.to, form: q.form }
    }
    if (fig.measure === null) {
      const g = governorBefore(toks, lead)
      if (g) {
        fig.measure = g.measure
        fig.evFrom = g.at
      }
    }
    if (fig.measure === null || (fig.measure !== 'strikes' && q.form === 'zero')) {
      const p = predicateAfter(toks, h.end)
      if (p) {
        fig.measure = p.measure
        fig.evTo = p.to
        // "2 'Arabs' reported among 6-7 dead": a part of the group counted next.
        if (p.among) {
          fig.subset = true
          if (!fig.headFound) fig.category = 'unknown'
          // "13 members of a single family were among the dead": one family is a part of the civilians, so the
          // figure says at least 13 civilians died, not 13 in all.
          else if (fig.q.min !== null && toks.slice(q.to, h.end).some((t) => FAMILY_WORDS.has(t.lower) || t.lower === 'relatives')) fig.q = { ...fig.q, max: null, qualifier: 'at_least' }
        }
      }
    }
    // "Of the dead, 22 were adult men and 9 were children", "of whom 22 were adult males": parts of a counted group.
    if (fig.measure === null) {
      const being = beingAfter(toks, q.to)
      const group = being === null ? null : groupBefore(toks, q.from, figs)
      if (being !== null && group !== null) {
        fig.measure = group
        fig.category = being.category
        fig.headFound = true
        fig.subset = true
        fig.evTo = being.to
        fig.end = being.to
      }
    }
    // "including the seven children": the article belongs to the cue's phrase.
    if (fig.measure === null && toks[lead - 1]?.lower === 'the' && SUBSET_CUES.has(toks[lead - 2]?.lower ?? '')) lead--
    if (fig.measure === null) {
      const prev = toks[lead - 1]?.lower ?? ''
      const prev2 = toks[lead - 2]?.lower ?? ''
      const last = [...figs].reverse().find((f) => f.measure === 'killed' || f.measure === 'injured')
      if ((SUBSET_CUES.has(prev) || (prev === 'them' && prev2 === 'among') || (prev === 'whom' && prev2 === 'among')) && last) {
        fig.measure = last.measure
        fig.subset = true
        if (!fig.headFound) fig.category = 'unknown'
      } else if (WITH_CUES.has(prev) || (prev === 'with' && prev2 === 'along')) {
        const w = prev2 === 'along' ? q.from - 3 : q.from - 2
        const v = toks[w]
        const m = v ? (PREDICATES.get(v.lower) ?? GOVERNING_VERBS.get(v.lower)) : undefined
        if (m !== undefined) fig.measure = m
        else if (last && last.end >= w - 1) fig.measure = last.measure
      } else if (COORDINATORS.has(prev) && last && last.end <= lead - 1 && last.end >= lead - 3 && toks.slice(last.end, lead - 1).every(isNounish)) {
        fig.measure = last.measure
        if (last.subset) fig.subset = true
      } else if (COORDINATORS.has(prev)) {
        // "killed al Qaeda's chemical weapons team, plus 2 young boys": the list's verb is further back.
        for (let j = lead - 2; j >= Math.max(0, lead - 14); j--) {
          const w = toks[j]!
          if (w.text === '.' || w.text === ';' || w.text === ':' || (CLAUSE_VERBS.has(w.lower) && !RELATIVES.has(toks[j - 1]?.lower ?? '')) || (PREDICATES.has(w.lower) && !GOVERNING_VERBS.has(w.lower)) || REPORTING_VERBS.has(w.lower)) break
          const f = figs.find((x) => x.q.from <= j && j < x.end)
          if (f !== undefined) {
            // "killed the two snipers, 101 civilians sheltered in the lower floors and four civilians next door": the
            // item before, with its phrase, shares the verb. Only a numbered item: "a farmer" after a phrase is as
            // likely the phrase's own noun ("in the house of a farmer and a teacher").
            if (q.form === 'number' && (f.measure === 'killed' || f.measure === 'injured') && f.end > j) {
              fig.measure = f.measure
              if (f.subset) fig.subset = true
            }
            break
          }
          const m = GOVERNING_VERBS.get(w.lower)
          if (m !== undefined) {
            fig.measure = m
            break
          }
        }
      }
    }
    // "Karim Ahmadi and nine members of his family were killed": the named man and his family, one count.
    if (fig.measure !== null && fig.measure !== 'strikes' && toks[lead - 1]?.lower === 'and' && fig.q.min !== null && toks.slice(q.to, fig.end).some((t) => FAMILY_WORDS.has(t.lower) || t.lower === 'relatives')) {
      // "his family" makes the one named before it a person, even by one name ("Ahmadi and nine members of his family").
      const name = nameRunBefore(toks, lead - 2) ?? (isCapWord(toks[lead - 2]) && !isCapWord(toks[lead - 3]) && toks.slice(q.to, fig.end).some((t) => t.lower === 'his' || t.lower === 'her') ? lead - 2 : null)
      if (name !== null) {
        fig.q = { ...fig.q, min: fig.q.min + 1, max: fig.q.max === null ? null : fig.q.max + 1, from: name }
        fig.category = 'total'
        fig.evFrom = name
        fig.victims = [describeVictim(toks, name, lead - 1, toks.slice(name, lead - 1).map((t) => t.text).join(' ')).victim]
      }
    }
    // "2 more killed", "another 5", "killed with six others", "Hassan and 2 others".
    const after = toks[q.to]?.lower
    const before = toks[q.from - 1]?.lower ?? ''
    if (after === 'more' || toks[q.from]!.lower === 'another' || (toks[q.from]!.lower === 'a' && toks[q.from + 1]?.lower === 'further')) fig.additional = true
    if (toks[h.end - 1]?.lower === 'others' && (WITH_CUES.has(before) || before === 'and')) {
      fig.additional = true
      const named = namedBefore(toks, q.from - 1)
      if (named !== null && fig.measure !== null && fig.measure !== 'strikes') {
        figs.push({ q: { min: 1, max: 1, qualifier: 'exact', from: named, to: named + 1, form: 'number' }, end: named + 1, category: 'unknown', headFound: true, measure: fig.measure, strike: false, evFrom: named, evTo: named + 1, subset: false, additional: true })
      }
    }
    figs.push(fig)
    // "a woman and child", "a father and young child": two people, and among them one woman or one child, whom
    // recorders count apart.
    if (h.pair !== undefined && (fig.measure === 'killed' || fig.measure === 'injured')) {
      for (const category of h.pair) {
        if (category !== 'children' && category !== 'women') continue
        figs.push({ q: { min: 1, max: 1, qualifier: 'exact', from: q.from, to: h.end, form: 'article' }, end: h.end, category, headFound: true, strike: false, measure: fig.measure, evFrom: fig.evFrom, evTo: fig.evTo, subset: true, additional: false })
      }
    }
    i = Math.max(i, (fig.measure !== null ? Math.max(fig.end, q.to) : q.to) - 1)
  }
  // "4-6 killed, possibly all civilians", "3-5 militants - all possibly civilians -", "5-7 killed, possibly including
  // civilians", "4 people killed, status unknown": none to all of them may be civilians.
  for (let i = 1; i < toks.length; i++) {
    const statusUnknown = toks[i]!.lower === 'status' && toks[i + 1]?.lower === 'unknown' && APPOSITION_OPEN.has(toks[i - 1]?.text ?? '')
    if (!statusUnknown && (toks[i]!.lower !== 'civilians' || !APPOSITION_OPEN.has(toks[hedgeStart(toks, i) - 1]?.text ?? ''))) continue
    const from = statusUnknown ? i : hedgeStart(toks, i)
    if (statusUnknown) i++
    else if (from === i || !toks.slice(from, i).some((t) => HEDGE_CORE.has(t.lower))) continue
    const ref = [...figs].reverse().find((f) => f.end <= from && f.measure === 'killed' && f.category !== 'civilians' && !f.subset)
    if (ref === undefined || ref.q.max === null) continue
    figs.push({
      q: { min: 0, max: ref.q.max, qualifier: 'at_most', from, to: i + 1, form: 'number' },
      end: i + 1, category: 'civilians', headFound: true, strike: false, measure: 'killed', evFrom: from, evTo: i + 1, subset: true, additional: false,
    })
  }
  uncountedParts(toks, figs)
  namedVictims(toks, figs)
  figs.sort((a, b) => a.q.from - b.q.from)
  // Lists before a shared predicate: "three women and four children were killed".
  for (let k = figs.length - 2; k >= 0; k--) {
    const f = figs[k]!
    const n = figs[k + 1]!
    // "a woman and her two children were killed": a possessive may open the next item.
    const next = POSSESSIVES.has(toks[n.q.from - 1]?.lower ?? '') ? n.q.from - 1 : n.q.from
    if (f.measure === null && n.measure !== null && n.measure !== 'strikes' && f.end === next - 1 && COORDINATORS.has(toks[f.end]?.lower ?? '')) {
      f.measure = n.measure
      f.evTo = n.evTo
    }
  }
  mergeFurther(toks, figs)
  return figs.filter((f) => f.measure !== null)
}

/**
 * "4-9 people killed, including women and children": plural groups among a counted group, uncounted. A plural
 * says two or more of each, no more than that (as "multiple" does), so each is a vague part from 2, open above.
 */
function uncountedParts(toks: readonly Token[], figs: Figure[]): void {
  for (let i = 1; i < toks.length; i++) {
    const cat = UNCOUNTED_PLURALS.get(toks[i]!.lower)
    if (cat === undefined) continue
    const cue = toks[i - 1]!.lower
    const listed = cue === 'and' && UNCOUNTED_PLURALS.has(toks[i - 2]?.lower ?? '') && SUBSET_CUES.has(toks[i - 3]?.lower ?? '')
    const amongThem = cue === 'them' && toks[i - 2]?.lower === 'among'
    if (!SUBSET_CUES.has(cue) && !listed && !amongThem) continue
    const last = [...figs].reverse().find((f) => f.q.from < i && (f.measure === 'killed' || f.measure === 'injured') && !f.subset)
    if (last === undefined || figs.some((f) => f.q.from <= i && i < f.end)) continue
    figs.push({ q: { min: 2, max: null, qualifier: 'vague', from: i, to: i + 1, form: 'vague' }, end: i + 1, category: cat, headFound: true, strike: false, measure: last.measure, evFrom: i - 1, evTo: i + 1, subset: true, additional: false })
  }
}

const UNCOUNTED_PLURALS: ReadonlyMap<string, Category> = new Map([['women', 'women'], ['children', 'children']])

/**
 * "ten people were killed immediately and another five … died in hospital": one count of the dead (15), as a
 * recorder reads it, rather than two figures. Only "another N"/"N more" joined by "and" in one clause, of the
 * same measure and kind; "killed four; a second strike killed 3 more" stays two.
 */
function mergeFurther(toks: readonly Token[], figs: Figure[]): void {
  for (let k = figs.length - 1; k > 0; k--) {
    const n = figs[k]!
    const f = figs[k - 1]!
    if (!n.additional || n.subset || f.subset || f.additional || f.strike || f.measure !== n.measure || (f.measure !== 'killed' && f.measure !== 'injured')) continue
    if (toks[n.q.from]?.lower !== 'another' && toks[n.q.to]?.lower !== 'more') continue
    // "five civilians and two more": a figure without its own noun counts the same kind as the one before.
    if (n.category !== f.category && !(f.category === 'total' && (n.category === 'total' || n.category === 'unknown')) && n.headFound) continue
    if (f.q.min === null || n.q.min === null || f.end > n.q.from) continue
    const between = toks.slice(f.end, n.q.from)
    if (!between.some((t) => t.lower === 'and') || between.some((t) => t.kind === 'num' || t.text === ';' || t.text === ':' || STRIKE_NOUNS.has(t.lower) || CLAUSE_OPENERS.has(t.lower))) continue
    const min = f.q.min + n.q.min
    const max = f.q.max === null || n.q.max === null ? null : f.q.max + n.q.max
    f.q = { min, max, qualifier: max === null ? 'at_least' : max === min ? 'exact' : 'range', from: f.q.from, to: n.q.to, form: 'number' }
    f.evTo = Math.max(f.evTo, n.evTo)
    f.end = Math.max(f.end, n.end)
    figs.splice(k, 1)
  }
}

const GROUP_NOUNS: ReadonlyMap<string, Measure> = new Map([
  ['dead', 'killed'], ['killed', 'killed'], ['victims', 'killed'], ['fatalities', 'killed'], ['wounded', 'injured'], ['injured', 'injured'],
])
const BEING = new Set(['were', 'was', 'are', 'included', 'include'])

/** "were adult men", "were children": the category a "to be" after a figure gives, and the index after it. */
function beingAfter(toks: readonly Token[], k: number, verbless = false): { category: Category; to: number } | null {
  if (!verbless && !BEING.has(toks[k]?.lower ?? '')) return null
  for (let e = k + 1; e < Math.min(toks.length, k + 5); e++) {
    const w = toks[e]!.lower
    const p = PERSON_NOUNS.get(w)
    if (p !== undefined) return p.category === 'total' ? null : { category: p.category, to: e + 1 }
    const c = CATEGORY_MODIFIERS.get(w)
    if (c !== undefined && !PERSON_NOUNS.has(toks[e + 1]?.lower ?? '') && !MODIFIERS.has(toks[e + 1]?.lower ?? '')) return { category: c, to: e + 1 }
    if (!MODIFIERS.has(w)) return null
  }
  return null
}

/** The measure of a group a figure is part of: "of the dead, 22 were", "of whom 22 were", "among them 5 were". */
function groupBefore(toks: readonly Token[], from: number, figs: readonly Figure[]): Measure | null {
  for (let j = from - 1; j >= Math.max(1, from - 16); j--) {
    const w = toks[j]!
    if (w.text === ';') return null
    const g = GROUP_NOUNS.get(w.lower)
    if (g !== undefined && (toks[j - 1]?.lower === 'the' || toks[j - 1]?.lower === 'those') && (toks[j - 2]?.lower === 'of' || toks[j - 2]?.lower === 'among')) return g
    if ((w.lower === 'whom' || w.lower === 'them') && (toks[j - 1]?.lower === 'of' || toks[j - 1]?.lower === 'among')) {
      const last = [...figs].reverse().find((f) => f.measure === 'killed' || f.measure === 'injured')
      return last?.measure ?? null
    }
  }
  return null
}

/**
 * "five of the dead were children" (children among the killed), "three of the wounded were women", "two of the
 * injured later died" (killed, on top of the dead counted): a figure that counts part of a group named after "of the".
 * Null when the figure is not of that form.
 */
function partOfGroup(toks: readonly Token[], q: Quantity): { measure: Measure; category: Category; end: number; subset: boolean } | 'skip' | null {
  let k = q.to
  if (toks[k]?.lower !== 'of' || (toks[k + 1]?.lower !== 'the' && toks[k + 1]?.lower !== 'those')) return null
  // "one of the highest civilian death tolls", "one of the deadliest": a rank, not a count.
  const w2 = toks[k + 2]?.lower ?? ''
  if (w2 === 'most' || w2 === 'worst' || w2 === 'first' || w2 === 'last' || (w2.endsWith('est') && w2.length > 4)) return 'skip'
  const group = GROUP_NOUNS.get(toks[k + 2]?.lower ?? '')
  if (group === undefined || q.form !== 'number') return null
  k += 3
  const being = beingAfter(toks, k)
  if (being !== null) return { measure: group, category: being.category, end: being.to, subset: true }
  // "two of the injured (later) died (of their wounds)": they move from the injured to the dead.
  for (let e = k; e < Math.min(toks.length, k + 4); e++) {
    const w = toks[e]!.lower
    if (w === 'died' || w === 'succumbed') return { measure: 'killed', category: 'total', end: e + 1, subset: false }
    if (!AUXILIARIES.has(w) && !(w.endsWith('ly') && w.length > 4)) break
  }
  // Any other word about part of the dead ("five of the dead were identified") is not a new count.
  return 'skip'
}

/** "killed 14 people, three of them children", "…, 5 of whom were women": a part of the figure counted just before. */
function partOfThem(toks: readonly Token[], q: Quantity, figs: readonly Figure[]): { measure: Measure; category: Category; end: number; subset: boolean } | null {
  const w = toks[q.to + 1]?.lower
  if (toks[q.to]?.lower !== 'of' || (w !== 'them' && w !== 'whom') || q.form !== 'number') return null
  const last = figs[figs.length - 1]
  if (last === undefined || (last.measure !== 'killed' && last.measure !== 'injured')) return null
  const k = q.to + 2
  const being = beingAfter(toks, k) ?? (BEING.has(toks[k]?.lower ?? '') ? null : beingAfter(toks, k - 1, true))
  return being === null ? null : { measure: last.measure, category: being.category, end: being.to, subset: true }
}

/** "(who were injured) later died", "died of their wounds": the injured who then died, and the index after "died". */
function laterDied(toks: readonly Token[], k: number): number | null {
  for (let e = k; e < Math.min(toks.length, k + 8); e++) {
    const t = toks[e]!
    if (t.kind !== 'word' || GOVERNING_VERBS.has(t.lower) || t.lower === 'and' || t.lower === 'while' || t.lower === 'but') return null
    if (t.lower === 'died' || t.lower === 'succumbed') return e + 1
  }
  return null
}

const NAME_PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'ul', 'ur', 'abu', 'bint'])

/** The capitalised name run [start, end) at `i`, over particles and hyphens ("Abu al-Harith"), or null. */
function nameRunAt(toks: readonly Token[], i: number): { start: number; end: number; words: string[] } | null {
  if (!isCapWord(toks[i]) || isMonth(toks[i]) || isWeekday(toks[i])) return null
  const words: string[] = []
  let e = i
  // A month's abbreviation inside a name is a name ("Sanaullah Jan"), unless a day number is next to it.
  const dated = (k: number): boolean => isMonth(toks[k]) && (toks[k + 1]?.kind === 'num' || toks[k - 1]?.kind === 'num')
  while (e < toks.length) {
    const t = toks[e]!
    if (isCapWord(t) && (e > i ? !dated(e) : true) && !isWeekday(t)) words.push(t.text)
    else if (t.text === '-' && t.gap === '' && words.length > 0 && toks[e + 1]?.gap === '') words[words.length - 1] += '-'
    else if (NAME_PARTICLES.has(t.lower) && isCapWord(toks[e + 1])) words.push(t.text)
    // A particle joined to the name by a hyphen: "Yunus al-Masri", "Abu Salim al-Harbi".
    else if (NAME_PARTICLES.has(t.lower) && words.length > 0 && toks[e + 1]?.text === '-' && toks[e + 1]!.gap === '' && toks[e + 2]?.gap === '' && isCapWord(toks[e + 2])) words.push(t.text)
    else break
    e++
  }
  const joined = words.join(' ').replace(/- /g, '-').split(' ')
  return isPersonName(joined) ? { start: i, end: e, words: joined } : null
}

/** Start of a person's name ending right at token `j` ("Karim Ahmadi" before "and nine members"), or null. */
function nameRunBefore(toks: readonly Token[], j: number): number | null {
  let s = j
  while (s > 0 && (isCapWord(toks[s - 1]) || NAME_PARTICLES.has(toks[s - 1]!.lower) || (toks[s - 1]!.text === '-' && toks[s - 1]!.gap === ''))) s--
  while (s <= j && !isCapWord(toks[s])) s++
  const run = nameRunAt(toks, s)
  return run !== null && run.end === j + 1 ? s : null
}

/** Words that make a comma clause after a name a report of speech, not a description of the person. */
const SPEECH_IN_APPOSITION = new Set(['said', 'says', 'told', 'tells', 'added', 'stated', 'claimed', 'according'])

const LIST_CUES = new Set(['were', 'was', 'are', 'included', 'include', 'includes', 'named', 'identified'])

const MALE = new Set(['boy', 'son', 'man', 'father', 'brother', 'husband', 'grandson', 'grandfather', 'uncle', 'nephew', 'schoolboy', 'male', 'sons', 'brothers'])
const FEMALE = new Set(['girl', 'daughter', 'woman', 'mother', 'sister', 'wife', 'granddaughter', 'grandmother', 'aunt', 'niece', 'schoolgirl', 'female', 'lady'])
const RELATIONS = new Set(['son', 'daughter', 'father', 'mother', 'brother', 'sister', 'husband', 'wife', 'grandson', 'granddaughter', 'grandfather', 'grandmother', 'uncle', 'aunt', 'nephew', 'niece', 'cousin', 'child', 'grandchild'])

/** "68-year-old" or "9 year old" ending right before token `i`: the age, or null. */
function ageBefore(toks: readonly Token[], i: number): number | null {
  let k = i - 1
  if (toks[k]?.lower !== 'old') return null
  k--
  if (toks[k]?.text === '-') k--
  if (toks[k]?.lower !== 'year' && toks[k]?.lower !== 'years') return null
  k--
  if (toks[k]?.text === '-') k--
  const t = toks[k]
  if (t?.kind === 'num') return Number(t.text)
  const n = t === undefined ? null : parseQuantity(toks, k)
  return n !== null && n.min === n.max && n.to === (toks[k + 1]?.text === '-' ? k + 1 : k + 1) ? n.min : null
}

/**
 * What the words around a named victim say of them: an age ("68-year-old X", "X, 15,"), a sex and category from a
 * noun ("X, a schoolgirl,"), and a relation ("his grandson X").
 */
function describeVictim(toks: readonly Token[], from: number, to: number, name: string): { victim: Omit<VictimDraft, 'fate'>; category: Category; end: number } {
  let age = ageBefore(toks, from)
  let sex: Sex | null = null
  let relation: string | null = null
  let category = 'total' as Category
  let end = to
  const noun = (w: string): void => {
    if (MALE.has(w)) sex = 'male'
    else if (FEMALE.has(w)) sex = 'female'
    const p = PERSON_NOUNS.get(w)
    if (p !== undefined && p.category !== 'total' && p.category !== 'unknown') category = p.category
  }
  // "his grandson Ali Khan": a relation right before the name.
  const r = toks[from - 1]?.lower ?? ''
  if (RELATIONS.has(r) && ['his', 'her', 'their'].includes(toks[from - 2]?.lower ?? '')) {
    relation = `${toks[from - 2]!.lower} ${r}`
    noun(r)
  }
  // "X, 15, …" or "X, a college student, …": an apposition after the name.
  if (toks[to]?.text === ',') {
    let k = to + 1
    if (toks[k]?.kind === 'num' && toks[k + 1]?.text === ',') {
      age = Number(toks[k]!.text)
      end = k + 2
    } else {
      // Encyclopedic prose describes a person at more length: "X, the group's deputy commander, …", "X, who led the
      // faction's fighters in the north, …". A speech verb ends it: "X, a local elder, said …" is a speaker.
      for (; k < Math.min(toks.length, to + 16); k++) {
        const t = toks[k]!
        if (t.text === ',') {
          end = k + 1
          break
        }
        if ((t.kind === 'punct' && t.text !== '-' && t.text !== "'" && t.text !== '’') || SPEECH_IN_APPOSITION.has(t.lower)) break
        noun(t.lower)
        const a = t.kind === 'num' ? ageBefore(toks, k + 4) : null
        if (a !== null && age === null) age = a
      }
    }
  }
  if (age !== null && age < 18 && category !== 'children') category = 'children'
  return { victim: { name, age, sex, relation }, category, end }
}

/**
 * Named victims as counts: "Gul Rahman was killed" (1), "Those killed were A, B and C" (3). Each counts people the
 * text may also count as a number, so it is a part of the dead (a subset), never a second total.
 */
function namedVictims(toks: readonly Token[], figs: Figure[]): void {
  const covered = (i: number): boolean => figs.some((f) => f.evFrom <= i && i < Math.max(f.evTo, f.end))
  for (let i = 0; i < toks.length; i++) {
    // "Those killed were …", "The dead included …", "The victims were named as …"
    const group = GROUP_NOUNS.get(toks[i]!.lower)
    if (group !== undefined && (toks[i - 1]?.lower === 'those' || toks[i - 1]?.lower === 'the') && LIST_CUES.has(toks[i + 1]?.lower ?? '')) {
      let k = i + 2
      while (LIST_CUES.has(toks[k]?.lower ?? '') || toks[k]?.lower === 'as' || toks[k]?.text === ':') k++
      const named: Omit<VictimDraft, 'fate'>[] = []
      let end = k
      for (;;) {
        const run = nameRunAt(toks, k)
        if (run === null) break
        const d = describeVictim(toks, run.start, run.end, run.words.join(' '))
        named.push(d.victim)
        end = run.end
        k = d.end > run.end && toks[d.end - 1]?.text === ',' ? d.end - 1 : run.end
        if (toks[k]?.text === ',' && toks[k + 1]?.lower === 'and') k += 2
        else if (toks[k]?.text === ',' || toks[k]?.lower === 'and') k++
        else break
      }
      if (named.length >= 2) {
        const n = named.length
        figs.push({ q: { min: n, max: n, qualifier: 'exact', from: i - 1, to: end, form: 'number' }, end, category: 'total', headFound: true, strike: false, measure: group, evFrom: i - 1, evTo: end, subset: true, additional: false, victims: named })
        i = end - 1
        continue
      }
    }
    // "Gul Rahman was killed", "68-year-old Mamana Bibi was killed", "Sanaullah Jan, a student, was killed".
    if (!isCapWord(toks[i]) || isCapWord(toks[i - 1])) continue
    // Cheap test first: a name is followed by "was", "died" or an apposition; only then look it up as a name.
    let e = i + 1
    while (isCapWord(toks[e]) || NAME_PARTICLES.has(toks[e]?.lower ?? '') || (toks[e]?.text === '-' && toks[e]!.gap === '')) e++
    const next = toks[e]?.lower
    if ((next !== 'was' && next !== 'died' && next !== ',') || covered(i)) {
      i = e - 1
      continue
    }
    const run = nameRunAt(toks, i)
    if (run === null) continue
    const d = describeVictim(toks, run.start, run.end, run.words.join(' '))
    const at = d.end
    const aux = toks[at]?.lower
    const p = aux === 'was' || aux === 'died' ? predicateAt(toks, at) : null
    if (p !== null && !p.among) {
      figs.push({ q: { min: 1, max: 1, qualifier: 'exact', from: i, to: run.end, form: 'number' }, end: at, category: d.category, headFound: true, strike: false, measure: p.measure, evFrom: i, evTo: p.to, subset: true, additional: false, victims: [d.victim] })
    }
    i = run.end - 1
  }
  // "a 13-year-old boy named Abdifatah Farhan Mohamud": the one a figure counts, by name.
  for (const f of figs) {
    if (f.victims !== undefined || f.q.min !== 1 || f.q.max !== 1) continue
    const cue = toks[f.end]?.lower
    if (cue !== 'named' && cue !== 'called') continue
    const run = nameRunAt(toks, f.end + 1) ?? (isCapWord(toks[f.end + 1]) ? { start: f.end + 1, end: f.end + 2, words: [toks[f.end + 1]!.text] } : null)
    if (run === null) continue
    const d = describeVictim(toks, run.start, run.end, run.words.join(' '))
    const head = toks.slice(f.q.from, f.end)
    let sex: Sex | null = null
    for (const t of head) sex = MALE.has(t.lower) ? 'male' : FEMALE.has(t.lower) ? 'female' : sex
    const headAge = ageBefore(toks, f.end - 1)
    f.victims = [{ ...d.victim, age: d.victim.age ?? headAge, sex: d.victim.sex ?? sex }]
  }
}

/** Index of a named or singular person right before "and N others" / "along with N others", or null. */
function namedBefore(toks: readonly Token[], cue: number): number | null {
  let j = cue - 1
  if (toks[j]?.lower === 'along') j--
  for (let k = j; k >= Math.max(0, j - 10); k--) {
    const t = toks[k]!
    if (t.kind === 'num' || t.text === '.' || t.text === ';' || QUANTITY_STARTS.has(t.lower) && t.lower !== 'a' && t.lower !== 'an') return null
    const p = PERSON_NOUNS.get(t.lower)
    if (p !== undefined) return p.singular ? k : null
    if (isCapWord(t) && k > 0 && !isWeekday(t) && !isMonth(t)) {
      // "in Datta Khel and 3 others": a name after a preposition of place is the place, not a person.
      let s = k
      while (s > 0 && isCapWord(toks[s - 1])) s--
      return PLACE_PREPOSITIONS.has(toks[s - 1]?.lower ?? '') ? null : k
    }
  }
  return null
}

const PLACE_PREPOSITIONS = new Set(['in', 'near', 'at', 'outside', 'inside', 'into', 'across', 'around'])

interface ParagraphState {
  speaker: string | null
  period: Period | null
  actor: string | null
  event: number
}

/** Extracts every casualty and strike claim from `text`; never throws on any string. */
export function extract(text: string, opts: ExtractOptions = {}): ExtractionResult {
  const published = opts.published ?? null
  // Places are looked up only for sentences with figures (and, when those name none, the paragraph before them):
  // `pending` holds the paragraph's sentences since the last figure's look-up, `pendingFrom` the first one's index.
  let pending: Sentence[] = []
  let pendingFrom = 0
  let walkedPlace: Place | null = null
  const claims: ExtractedClaim[] = []
  const victims: ExtractedVictim[] = []
  const notes = new Set<string>()
  const seen: string[] = []
  const recent: Recent[] = []
  let para = -1
  let state: ParagraphState = { speaker: null, period: null, actor: null, event: 0 }
  let eventCounter = 0
  const otherEvents = new Set<string>()
  let publisher = opts.publisher ?? null
  const zeroSpeakers = new Map<number, string>()
  for (const s of sentencesOf(text, opts.chunkChars ?? CHUNK_CHARS)) {
    if (s.paragraph !== para) {
      para = s.paragraph
      state = { speaker: null, period: null, actor: null, event: ++eventCounter }
      pending = []
      pendingFrom = 0
      walkedPlace = null
    }
    const st = s.tokens
    pending.push(s)
    // "KABUL (Reuters) —": the wire that filed the story speaks in the story's own voice, unless told otherwise.
    if (publisher === null && pendingFrom === 0 && pending.length === 1) publisher = datelineEnd(st)?.credit ?? null
    // Speakers of this sentence, resolved against the speakers seen so far, each with the clause it speaks in.
    const found = findSpeakers(st)
    // Clauses matter only between two speakers of one sentence.
    const clauses = found.length > 1 ? clauseIds(st) : null
    const speakers: { name: string; at: number; clause: number }[] = []
    for (const fs of found) {
      const name = speakerName(fs.speaker, seen, recent, state.speaker)
      if (name === null) continue
      if (fs.speaker.kind === 'name') {
        rememberName(seen, name)
        remember(recent, { name, person: fs.speaker.person, plural: fs.speaker.plural === true })
      }
      speakers.push({ name, at: fs.at, clause: clauses?.[fs.at] ?? 0 })
    }
    // A person who opens the sentence as its subject is who a later "he" or "she" may mean (two capitals open it).
    const subject = speakers.length === 0 && isCapWord(st[0]) && isCapWord(st[1]) ? subjectPerson(st) : null
    if (subject !== null) remember(recent, { name: resolveName(subject, seen), person: true, plural: false })
    const sentenceSpeaker = speakers[0]?.name ?? null
    // Two speakers in two clauses ("officials said five militants were killed; residents said three were civilians"):
    // each figure is quoted by its own clause, so the two sides of a dispute show their own words.
    const clauseQuotes = clauses !== null && new Set(speakers.map((sp) => sp.clause)).size > 1
    const speakerOf = (at: number): string | null => {
      if (speakers.length <= 1 || clauses === null) return sentenceSpeaker
      const c = clauses[at]!
      let best: { name: string; at: number; clause: number } | null = null
      for (const sp of speakers) {
        if (sp.clause !== c) continue
        // The closest cue before the figure, else the first after it in the clause.
        if (sp.at < at ? best === null || best.at > at || sp.at > best.at : best === null) best = sp
      }
      if (best !== null) return best.name
      for (let k = speakers.length - 1; k >= 0; k--) if (speakers[k]!.clause < c) return speakers[k]!.name
      return sentenceSpeaker
    }
    if (speakers.length > 0) state.speaker = speakers[speakers.length - 1]!.name
    // Who speaks in a sentence that may state a zero ("No women or children were present, he said"), for the zero claims.
    const voice = sentenceSpeaker ?? state.speaker
    if (voice !== null && MAY_STATE_ZERO.test(text.slice(s.start, s.end))) zeroSpeakers.set(s.start, voice)
    const actor = actorOf(st)
    if (actor !== null) state.actor = actor
    if (!mayHaveFigures(text, s)) {
      const times = eventTimes(st, text, published)
      if (times.length > 0) state.period = unionPeriod(times)
      continue
    }
    const figs = figuresOf(st)
    const times = eventTimes(st, text, published)
    for (const tm of times) if (tm.unresolved) notes.add('dates unresolved: no publication date')
    const ownPeriod = times.length > 0 ? unionPeriod(times) : null
    const period = ownPeriod ?? state.period
    if (ownPeriod !== null) state.period = ownPeriod
    if (figs.length === 0) continue
    const specific = times.some((t) => t.specific)
    const aggregateCue = hasAggregateCue(st, times)
    // The nearest place at or before this sentence in its paragraph. The walk back stops where the previous
    // figure sentence's walk ended (its answer holds there), so a long paragraph is walked once, not once a figure.
    let place: Place | null = null
    for (let k = pending.length - 1; k >= 0 && place === null; k--) place = sentencePlace(text, pending[k]!, pendingFrom + k === 0)
    place ??= walkedPlace
    walkedPlace = place
    pendingFrom += pending.length
    pending = []
    const strikeFig = figs.find((f) => f.strike && f.q.min !== null && f.q.min === f.q.max)
    let event = state.event
    // A speaker of an earlier sentence of the paragraph speaks on; a speaker of this one only speaks from there.
    const carried = sentenceSpeaker === null ? state.speaker : null
    // The dead of another kind of attack the sentence recalls: an event of their own, which the strike told on does not continue.
    let otherEvent: number | null = null
    for (const f of figs) {
      const scope: Scope = f.strike && (f.q.min ?? 0) > 1 && !specific ? 'aggregate' : scopeOf(st, f, specific, aggregateCue)
      if (newIncidentCue(st, f) && scope === 'incident') event = ++eventCounter
      if (scope === 'incident' && inOtherAttack(st, f.evTo)) otherEvents.add(`e${(otherEvent ??= ++eventCounter)}`)
      const eventOf = scope === 'incident' && otherEvent !== null && inOtherAttack(st, f.evTo) ? otherEvent : event
      const incidents = f.strike ? null : strikeFig !== undefined && strikeFig.q.from < f.q.from ? strikeFig.q.min : null
      const quote = (clauseQuotes && clauseSpan(text, st, clauses, f.q.from, speakers)) || quoteSpan(text, s, st, f)
      const claim: ClaimDraft = {
        measure: f.measure!,
        category: f.category,
        min: f.q.min,
        max: documentsStrikes(st, f) ? null : f.q.max,
        qualifier: documentsStrikes(st, f) ? 'at_least' : f.q.qualifier,
        scope,
        incidents,
        period: period ?? { start: null, end: null, precision: null },
        place,
        actor: actor ?? state.actor,
        claimant: speakerOf(f.q.from) ?? carried ?? publisher,
        quote: quote.quote,
        span: quote.span,
        extractor: EXTRACTOR_VERSION,
        eventKey: scope === 'incident' ? `e${eventOf}` : null,
        names: namesIn(st, f),
      }
      claims.push(f.subset ? { ...claim, part: 'subset' as const } : f.additional ? { ...claim, part: 'additional' as const } : claim)
      if (f.victims !== undefined && (f.measure === 'killed' || f.measure === 'injured')) for (const v of f.victims) victims.push({ ...v, fate: f.measure, claim: claims.length - 1 })
    }
    state.event = event
  }
  // Paragraphs that continue one strike share its event, and zero claims join the figures. Both copy and re-sort
  // claims: each victim is pointed again at the claim that counts them.
  const evented = withDocumentEvents(text, withAdditionalSums(claims), otherEvents)
  const all = withZeroClaims(text, evented, zeroSpeakers) as ExtractedClaim[]
  const index = new Map<ClaimDraft, number>(all.map((c, i) => [c, i]))
  const placed = victims.flatMap((v) => {
    const at = index.get(evented[v.claim]!)
    return at === undefined ? [] : [{ ...v, claim: at }]
  })
  return { claims: all, victims: placed, notes: [...notes] }
}

// Distinct speaker names remembered for resolving short forms; resolving scans them, so a document naming a new
// speaker in every sentence would otherwise make extraction quadratic.
const MAX_SEEN_NAMES = 1000

/**
 * Adds a speaker to the names seen, most recent last. A name seen before moves to the end instead of being added
 * again: resolveName takes the most recent match, which is the same either way.
 */
function rememberName(seen: string[], name: string): void {
  const at = seen.lastIndexOf(name)
  if (at >= 0) seen.splice(at, 1)
  seen.push(name)
  if (seen.length > MAX_SEEN_NAMES) seen.shift()
}

/** Characters tokenized at a time: a part's tokens take about 30 bytes a character, and are dropped after it. */
const CHUNK_CHARS = 1 << 20

/** The sentences of `text`, tokenized part by part (paragraphChunks), paragraphs numbered across the parts. */
function* sentencesOf(text: string, chunkChars: number): Generator<Sentence> {
  let base = 0
  for (const [from, to] of paragraphChunks(text, chunkChars)) {
    let last = -1
    for (const s of splitSentences(tokenize(text, from, to))) {
      last = s.paragraph
      yield base === 0 ? s : { ...s, paragraph: s.paragraph + base }
    }
    base += last + 1
  }
}

// Speakers remembered for pronouns and definite nouns ("he said", "the official added"); resolving scans back from
// the newest, so the list is bounded like the names seen.
const MAX_RECENT_SPEAKERS = 1000

/** Adds a speaker to the recent ones, most recent last, forgetting the oldest past MAX_RECENT_SPEAKERS. */
function remember(recent: Recent[], r: Recent): void {
  recent.push(r)
  if (recent.length > MAX_RECENT_SPEAKERS) recent.shift()
}

interface Recent {
  readonly name: string
  readonly person: boolean
  readonly plural: boolean
}

/** Resolves a found speaker to a name: pronouns and definite nouns to the last compatible speaker. */
function speakerName(sp: Speaker, seen: readonly string[], recent: readonly Recent[], paragraphSpeaker: string | null): string | null {
  if (sp.kind === 'name') return resolveName(sp.name, seen)
  const last = (ok: (r: Recent) => boolean): string | null => {
    for (let k = recent.length - 1; k >= 0; k--) if (ok(recent[k]!)) return recent[k]!.name
    return null
  }
  if (sp.kind === 'pronoun') {
    // "he said": the last person; "it said": the last organisation; "they said": the last group or organisation.
    if (sp.person) return last((r) => r.person) ?? paragraphSpeaker
    if (sp.plural === true) return last((r) => r.plural || !r.person) ?? paragraphSpeaker
    return last((r) => !r.person && !r.plural) ?? paragraphSpeaker
  }
  // "the official added", "according to the same official", "the team reported": the last speaker of that name,
  // else (for a person) the last person who spoke.
  const byHead = last((r) => r.name.toLowerCase().split(/[\s-]+/).includes(sp.head))
  if (byHead !== null) return byHead
  if (sp.person) return last((r) => r.person) ?? sp.head
  return sp.head
}

// Words that open a new clause with its own subject: "AP reported 13 dead; Reuters said 15 died", "…, while X said".
const CLAUSE_OPENERS = new Set(['while', 'whereas', 'but', 'although', 'though'])

/** A clause number per token: a new clause at ";" and at ", while"/", but"/", whereas". */
function clauseIds(toks: readonly Token[]): number[] {
  const out = new Array<number>(toks.length)
  let c = 0
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!
    if (t.text === ';' || (CLAUSE_OPENERS.has(t.lower) && (toks[i - 1]?.text === ',' || t.lower === 'whereas'))) c++
    out[i] = c
  }
  return out
}

const CASUALTY_STEMS = /kill|dead|die|death|wound|injur|hurt|strike|attack|raid|martyr|slain|lives|toll|perish|casualt|bomb|maim|slew/i
/** A cheap first look: sentences without any casualty or strike word carry no figure. */
function mayHaveFigures(text: string, s: Sentence): boolean {
  return CASUALTY_STEMS.test(text.slice(s.start, s.end))
}

/** Time mentions that date the events, leaving out the dates of statements ("said in his report last month"). */
function eventTimes(toks: readonly Token[], text: string, published: LocalDate | null): TimeMention[] {
  return findTimes(toks, text, published).filter((tm) => {
    for (let j = tm.from - 1; j >= Math.max(0, tm.from - 3); j--) if (STATEMENT_CUES.has(toks[j]!.lower)) return false
    return true
  })
}

function unionPeriod(times: readonly TimeMention[]): Period {
  if (times.length === 1) return times[0]!.period
  const res = times.filter((t) => t.period.resolved !== false)
  if (res.length === 0) return times[0]!.period
  let start: string | null = res[0]!.period.start
  let end: string | null = res[0]!.period.end
  const texts: string[] = []
  for (const t of res) {
    if (t.period.start === null || (start !== null && t.period.start < start)) start = t.period.start
    if (t.period.end === null || (end !== null && t.period.end > end)) end = end === null ? null : t.period.end
    if (t.period.text) texts.push(t.period.text)
  }
  if (start !== null && end !== null && end < start) end = start
  return { start, end, precision: 'span', text: texts.join('; '), resolved: true }
}

function hasAggregateCue(toks: readonly Token[], times: readonly TimeMention[]): boolean {
  if (times.some((t) => !t.specific)) return true
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!.lower
    if (AGGREGATE_WORDS.has(t)) return true
    if (t === 'war' && (toks[i - 1]?.lower === 'drone' || toks[i - 1]?.lower === 'the')) return true
    if ((t === 'far' && toks[i - 1]?.lower === 'so') || (t === 'date' && toks[i - 1]?.lower === 'to')) return true
  }
  return false
}

function scopeOf(toks: readonly Token[], f: Figure, specific: boolean, aggregateCue: boolean): Scope {
  if (specific) return 'incident'
  // A singular strike noun in the figure's clause marks one incident: "In one attack 18 labourers were killed".
  const lo = Math.max(0, f.q.from - 8)
  const hi = Math.min(toks.length, f.evTo + 6)
  for (let j = lo; j < hi; j++) {
    const w = toks[j]!.lower
    if ((w === 'strike' || w === 'attack' || w === 'raid' || w === 'airstrike') && !['drone', 'air'].includes(toks[j + 1]?.lower ?? '')) return 'incident'
    if (w === 'other' && toks[j - 1]?.lower === 'the') return 'incident'
  }
  if (aggregateCue) return 'aggregate'
  // "died in drone attacks": plural strikes with no count speak of many incidents.
  for (let j = f.evTo; j < Math.min(toks.length, f.evTo + 4); j++) {
    const w = toks[j]!.lower
    if ((w === 'attacks' || w === 'strikes' || w === 'airstrikes' || w === 'raids') && toks.slice(f.evTo, j).every((t) => ['in', 'drone', 'us', 'u.s.', 'american', 'air'].includes(t.lower))) return 'aggregate'
  }
  return 'incident'
}

/** Verbs by which a report says it studied some strikes ("documented two attacks"): a lower bound, never a total. */
const DOCUMENTING = new Set(['documented', 'investigated', 'examined', 'studied', 'reviewed', 'verified', 'analysed', 'analyzed'])

/** True when a strike count is what a report documented rather than how many strikes there were. */
function documentsStrikes(toks: readonly Token[], f: Figure): boolean {
  return f.strike && DOCUMENTING.has(toks[f.q.from - 1]?.lower ?? '')
}

function newIncidentCue(toks: readonly Token[], f: Figure): boolean {
  for (let j = Math.max(0, f.q.from - 6); j < f.q.from; j++) {
    const w = toks[j]!.lower
    if (w === 'another' || (w === 'other' && toks[j - 1]?.lower === 'the')) return true
    // "…; a second strike killed 3 more": a later strike of the same report.
    if (ORDINALS.has(w) && STRIKE_NOUNS.has(toks[j + 1]?.lower ?? '')) return true
  }
  return false
}
const ORDINALS = new Set(['second', 'third', 'fourth', 'fifth', 'later', 'subsequent', 'separate'])

/**
 * The most precise place a sentence names, leaving out countries named as the striking party ("US drone"). A
 * dateline ("PESHAWAR, March 13 —", "SANAA, Yemen (AP) —") says where the report was filed, not where the strike
 * hit: it counts only for its country.
 */
function sentencePlace(text: string, s: Sentence, firstOfParagraph: boolean): Place | null {
  const found: PlaceMention[] = []
  const toks = s.tokens
  // Names are runs of capitalised words (with hyphens, dots and particles such as "al" inside): look each run up.
  for (let i = 0; i < toks.length; i++) {
    if (!isCapWord(toks[i])) continue
    let j = i + 1
    while (j < toks.length) {
      const t = toks[j]!
      const joined = t.gap === '' && (t.text === '-' || t.text === '.' || t.text === "'" || t.text === '’')
      if (isCapWord(t) || joined || (PARTICLES.has(t.lower) && isCapWord(toks[j + 1]))) j++
      else break
    }
    while (j > i + 1 && toks[j - 1]!.kind === 'punct') j--
    const start = toks[i]!.start
    for (const pm of placesInPhrase(text.slice(start, toks[j - 1]!.end))) {
      let n = i
      while (n < toks.length && toks[n]!.start < start + pm.end) n++
      const next = toks[n]
      // "United States drone attacks", "US Drone Strikes", "Pakistan army": a country named as the one who strikes is not where.
      if (pm.place.precision === 'country' && next !== undefined && ACTOR_NEXT.has(next.lower)) continue
      const dateline = firstOfParagraph && i === 0 && pm.start === 0 && isDateline(toks, n)
      const place: Place = dateline && pm.place.precision !== 'country' ? { name: null, admin1: null, admin2: null, country: pm.place.country, lat: null, lon: null, precision: 'country' } : pm.place
      found.push({ start: start + pm.start, end: start + pm.end, place })
    }
    i = j - 1
  }
  return found.length > 0 ? mostPrecise(found) : null
}
const PARTICLES = new Set(['al', 'el', 'ul', 'bin', 'de', 'of'])
const DATELINE_DASHES = new Set(['—', '–', '-', '('])

/** True when the tokens from `n` on close a dateline: ", March 13 —", ", 2 November 2013.", ", Yemen (AP) —", " —". */
function isDateline(toks: readonly Token[], n: number): boolean {
  let k = n
  // ", Yemen", ", Pakistan": the country after the city.
  while (toks[k]?.text === ',' && isCapWord(toks[k + 1]) && !isMonth(toks[k + 1]) && !isWeekday(toks[k + 1])) k += 2
  const t = toks[k]
  if (t === undefined) return false
  if (DATELINE_DASHES.has(t.text)) return true
  const u = toks[k + 1]
  return t.text === ',' && u !== undefined && (isMonth(u) || u.kind === 'num')
}

/** The most precise place of a sentence; the first of equals. */
function mostPrecise(ps: readonly PlaceMention[]): Place {
  let best = ps[0]!.place
  for (const p of ps) if (PLACE_PRECISIONS.indexOf(p.place.precision) < PLACE_PRECISIONS.indexOf(best.precision)) best = p.place
  return best
}

function actorOf(toks: readonly Token[]): string | null {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!
    let a: string | null = null
    let next = i + 1
    if (t.text === 'United' && toks[i + 1]?.text === 'States') {
      a = 'United States'
      next = i + 2
    } else if (t.kind === 'word' && t.text[0] !== t.lower[0]) {
      // "US" must be upper case: "us" is a pronoun.
      if (t.lower === 'us' && t.text !== 'US') continue
      let near = false
      for (let j = i + 1; j < Math.min(toks.length, i + 5) && !near; j++) near = ACTOR_NEXT.has(toks[j]!.lower)
      if (near) a = actorFromWord(t.text)
    }
    if (a === null) continue
    if (toks[next]?.text === '-' && toks[next]?.gap === '') next++
    for (let j = next; j < Math.min(toks.length, next + 3); j++) {
      if (ACTOR_NEXT.has(toks[j]!.lower)) return a
      if (toks[j]!.kind === 'punct') break
    }
  }
  return null
}

/**
 * The clause of the token at `at` as the quote, when one of the sentence's speakers speaks in that clause (else
 * null: a figure whose speaker is in another clause keeps the whole sentence, so the quote still names who says it).
 * Leading and trailing separators are left out.
 */
function clauseSpan(
  text: string,
  toks: readonly Token[],
  clauses: readonly number[] | null,
  at: number,
  speakers: readonly { readonly clause: number }[],
): { quote: string; span: { start: number; end: number } } | null {
  if (clauses === null) return null
  const c = clauses[at]!
  if (!speakers.some((sp) => sp.clause === c)) return null
  let first = at
  while (first > 0 && clauses[first - 1] === c) first--
  let last = at
  while (last + 1 < toks.length && clauses[last + 1] === c) last++
  while (first < last && /^[;,:\u2014\u2013-]$/.test(toks[first]!.text)) first++
  while (last > first && /^[;,:\u2014\u2013-]$/.test(toks[last]!.text)) last--
  const start = toks[first]!.start
  const end = toks[last]!.end
  return { quote: text.slice(start, end), span: { start, end } }
}

/** The sentence as the quote, or a window around the figure when the sentence is very long. */
function quoteSpan(text: string, s: Sentence, toks: readonly Token[], f: Figure): { quote: string; span: { start: number; end: number } } {
  let start = s.start
  let end = s.end
  if (end - start > 600) {
    const a = toks[f.evFrom]!.start
    const b = toks[Math.max(f.evFrom, f.evTo - 1)]!.end
    start = Math.max(s.start, a - 250)
    end = Math.min(s.end, b + 250)
    // Snap to token edges so the quote never cuts a word. Found by binary search: a sentence with no full stop
    // can be megabytes long, and a scan per figure made extraction quadratic in it.
    const a0 = toks[tokenAt(toks, start)]
    if (a0 !== undefined && a0.start <= start && start < a0.end) start = a0.start
    const b0 = toks[tokenAt(toks, end - 1)]
    if (b0 !== undefined && b0.start < end && end <= b0.end) end = b0.end
  }
  return { quote: text.slice(start, end), span: { start, end } }
}

/** Index of the last token starting at or before offset `at` (tokens are in text order), or -1. */
function tokenAt(toks: readonly Token[], at: number): number {
  let lo = 0
  let hi = toks.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (toks[mid]!.start <= at) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/**
 * Named people and places in the figure's sentence: runs of two or more capitalised words. The whole sentence,
 * because the name that identifies a strike often trails its figure ("killed at least eight people, including TTP
 * leader Hakimullah Mehsud"); a very long sentence is cut to 40 tokens either side.
 */
function namesIn(toks: readonly Token[], f: Figure): string[] {
  const out: string[] = []
  const lo = Math.max(0, f.evFrom - 40)
  const hi = Math.min(toks.length, f.evTo + 40)
  let run: string[] = []
  const flush = (): void => {
    if (run.length >= 2 && !out.includes(run.join(' '))) out.push(run.join(' '))
    run = []
  }
  for (let j = lo; j < hi; j++) {
    const t = toks[j]!
    if (isCapWord(t) && !isMonth(t) && j > 0) run.push(t.text)
    else if (t.text === '-' && t.gap === '' && run.length > 0) continue
    else flush()
  }
  flush()
  return out.slice(0, 8)
}
