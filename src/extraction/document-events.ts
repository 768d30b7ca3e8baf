/**
 * @module One strike across paragraphs: a report tells one strike over several paragraphs (the lead, then what
 * officials said, then what residents said), and each paragraph's figures start as their own event. A paragraph
 * whose figures name no date or place of their own, or ones compatible with the strike told so far, continues it,
 * so the officials' and the residents' accounts of the same dead meet at one incident. A paragraph with a date or
 * place that cannot be the same strike starts a new one, as does a later strike the sentence itself announces
 * ("a second strike", a new event inside one paragraph).
 */
import type { ClaimDraft } from '../domain/claim.js'
import type { Period } from '../domain/dates.js'
import type { Place } from '../domain/place.js'

const known = (p: Period): boolean => p.start !== null || p.end !== null

function periodsMeet(a: Period, b: Period): boolean {
  if (!known(a) || !known(b)) return true
  const aStart = a.start ?? '0000', aEnd = a.end ?? '9999', bStart = b.start ?? '0000', bEnd = b.end ?? '9999'
  return aStart <= bEnd && bStart <= aEnd
}

const lc = (s: string | null | undefined): string | null => (s === null || s === undefined ? null : s.toLowerCase())

function placesMeet(a: Place | null, b: Place | null): boolean {
  if (a === null || b === null) return true
  if (a.country !== null && b.country !== null && a.country !== b.country) return false
  const an = lc(a.name), bn = lc(b.name)
  if (an !== null && bn !== null && an !== bn && a.precision === 'locality' && b.precision === 'locality') return false
  const a1 = lc(a.admin1), b1 = lc(b.admin1)
  return a1 === null || b1 === null || a1 === b1
}

/** A claim's place, leaving out a country named as the striking party anywhere in the text ("U.S. Africa Command said"). */
const placeOf = (c: ClaimDraft, actors: ReadonlySet<string>): Place | null =>
  c.place !== null && c.place.precision === 'country' && c.place.name !== null && actors.has(c.place.name) ? null : c.place

/**
 * The drafts with the event keys of paragraphs that continue one strike made one, in text order. Events in `apart`
 * (the dead of another kind of attack a report recalls) stay their own and continue nothing.
 */
export function withDocumentEvents<C extends ClaimDraft>(text: string, drafts: readonly C[], apart: ReadonlySet<string> = new Set()): C[] {
  const actors = new Set(drafts.map((c) => c.actor).filter((a): a is string => a !== null))
  const rename = new Map<string, string>()
  let current: { key: string; period: Period; place: Place | null; end: number } | null = null
  for (const c of drafts) {
    if (c.eventKey === null) continue
    if (apart.has(c.eventKey)) {
      rename.set(c.eventKey, c.eventKey)
      continue
    }
    const mapped = rename.get(c.eventKey)
    if (mapped !== undefined) {
      if (current !== null && mapped === current.key) current.end = Math.max(current.end, c.span.end)
      continue
    }
    const sameParagraph = current !== null && !text.slice(Math.min(current.end, c.span.start), c.span.start).includes('\n')
    if (current !== null && !sameParagraph && periodsMeet(current.period, c.period) && placesMeet(current.place, placeOf(c, actors))) {
      rename.set(c.eventKey, current.key)
      if (!known(current.period)) current.period = c.period
      current.place ??= placeOf(c, actors)
      current.end = Math.max(current.end, c.span.end)
      continue
    }
    rename.set(c.eventKey, c.eventKey)
    current = { key: c.eventKey, period: c.period, place: placeOf(c, actors), end: c.span.end }
  }
  return drafts.map((c) => {
    const k = c.eventKey === null ? null : (rename.get(c.eventKey) ?? c.eventKey)
    return k === c.eventKey ? c : { ...c, eventKey: k }
  })
}
