/**
 * @module Splits a text into segments at claim span boundaries, so each claim's quote can be marked.
 *
 * Pure and DOM-free: the page renders each segment as a text node (never HTML), since article text is hostile input.
 */

/** A piece of the text and the claims whose spans cover it (empty for unmarked text). */
export interface Segment {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly ids: readonly string[]
}

/** A span to mark, with the id of what it marks. */
export interface Mark {
  readonly id: string
  readonly start: number
  readonly end: number
}

/**
 * Cuts `text` into consecutive segments covering it exactly; overlapping spans split into pieces that list every
 * covering id. Spans outside the text are clipped; empty ones ignored.
 */
export function segments(text: string, marks: readonly Mark[]): Segment[] {
  const n = text.length
  const clipped = marks
    .map((m) => ({ id: m.id, start: Math.max(0, Math.min(n, m.start)), end: Math.max(0, Math.min(n, m.end)) }))
    .filter((m) => m.end > m.start)
  const cuts = new Set<number>([0, n])
  for (const m of clipped) {
    cuts.add(m.start)
    cuts.add(m.end)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const out: Segment[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!
    const end = points[i + 1]!
    if (end <= start) continue
    const ids = clipped.filter((m) => m.start <= start && m.end >= end).map((m) => m.id)
    const prev = out[out.length - 1]
    // Adjacent unmarked pieces merge, keeping the DOM small on long articles.
    if (prev && prev.ids.length === 0 && ids.length === 0) out[out.length - 1] = { ...prev, end, text: prev.text + text.slice(start, end) }
    else out.push({ start, end, text: text.slice(start, end), ids })
  }
  return out
}

/** A window of `text` around a span, widened to word boundaries, with the span's offsets inside it. */
export function excerpt(text: string, start: number, end: number, context = 240): { text: string; start: number; end: number; cutBefore: boolean; cutAfter: boolean } {
  let a = Math.max(0, start - context)
  let b = Math.min(text.length, end + context)
  while (a > 0 && a < start && !/\s/.test(text[a - 1]!)) a++
  while (b < text.length && b > end && !/\s/.test(text[b]!)) b--
  return { text: text.slice(a, b), start: start - a, end: end - a, cutBefore: a > 0, cutAfter: b < text.length }
}
