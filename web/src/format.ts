/** @module Formatting shared by the pages: ranges, figures, places, dates, labels. */
import type { Category, Measure } from '../../src/domain/index.js'
import type { Claim, Figure, Incident, Period, Place } from '../../src/api/wire-types.js'
import { formatRange } from '../../src/domain/range.js'

export { formatRange }

/** "8–10 killed", "≥ 8 killed". */
export const figureText = (f: Pick<Figure, 'min' | 'max' | 'measure'>): string => `${formatRange(f)} ${f.measure}`

/** Human label of a category. */
export const categoryLabel = (c: Category): string => c

/** A period as a person writes it: "2013-10-31 – 2013-11-01", "since 2008-01-01", "undated". */
export function periodText(p: Period | null | undefined): string {
  if (!p || (!p.start && !p.end)) return 'undated'
  if (p.start && p.end) return p.start === p.end ? p.start : `${p.start} – ${p.end}`
  if (p.start) return `since ${p.start}`
  return `until ${p.end ?? ''}`
}

/** A place with its precision, so a region never reads as a village. */
export function placeText(p: Place | null | undefined): string {
  if (!p) return 'place unknown'
  const parts = [p.name, p.admin2, p.admin1, p.country].filter((x): x is string => !!x)
  const unique = parts.filter((x, i) => parts.indexOf(x) === i)
  return unique.length ? `${unique.join(', ')} (${p.precision})` : `place unknown`
}

/** The widest figure of a measure over the given categories, for sorting and sizing. */
export function figureOf(i: Pick<Incident, 'figures'>, measure: Measure, category: Category = 'total'): Figure | undefined {
  return i.figures.find((f) => f.measure === measure && f.category === category)
}

/**
 * Casualties of an incident as a range: the `total` killed figure. Accounts of different claimants are alternatives,
 * never addends, so without a total the parts only bound it from below (the largest part, high open); with no
 * figure at all it is unknown, never 0.
 */
export function killed(i: Pick<Incident, 'figures'>): { min: number | null; max: number | null } {
  const total = figureOf(i, 'killed', 'total')
  if (total) return { min: total.min, max: total.max }
  let min: number | null = null
  for (const f of i.figures) if (f.measure === 'killed' && f.category !== 'total' && f.min !== null) min = Math.max(min ?? 0, f.min)
  return { min, max: null }
}

/** "8 killed (at least)" style summary of one claim. */
export function claimFigure(c: Pick<Claim, 'min' | 'max' | 'measure' | 'category'>): string {
  return `${formatRange(c)} ${c.measure} · ${c.category}`
}

/** A short ISO timestamp for lists ("2026-11-30 04:31"). */
export const when = (iso: string): string => iso.replace('T', ' ').slice(0, 16)

/** A source's display title: its title, its file name, else the start of its first line of text. */
export function sourceTitle(s: { title: string | null; filename: string | null; text?: string }, fallback = 'Untitled source'): string {
  if (s.title) return s.title
  if (s.filename) return s.filename
  const line = s.text?.split('\n').map((l) => l.trim()).find((l) => l.length > 0)
  if (!line) return fallback
  return line.length > 80 ? `${line.slice(0, 79)}…` : line
}

/** "1 incident", "3 incidents". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`
