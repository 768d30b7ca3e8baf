/**
 * @module An incident's editor notes (migration 13: strike status, belligerent, summary, grade reason) as SQL columns:
 * read from a row, and written by one statement apart from the columns lists and totals filter on, so a note never
 * touches the figure rows or the totals cube.
 */
import type { IncidentNotes } from '../../domain/incident.js'
import type { StrikeStatus } from '../../domain/values.js'
import type { Executor, Row } from './executor.js'

/** Each note and its column. */
export const NOTE_COLUMNS = { strikeStatus: 'strike_status', belligerent: 'belligerent', summary: 'summary', gradeReason: 'grade_reason' } as const

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/** The notes of an incident row (NULL columns, as on incidents stored before migration 13, are null). */
export function notesFromRow(r: Row): IncidentNotes {
  return { strikeStatus: text(r.strike_status) as StrikeStatus | null, belligerent: text(r.belligerent), summary: text(r.summary), gradeReason: text(r.grade_reason) }
}

/** True when the patch names any note. */
export function touchesNotes(patch: Partial<IncidentNotes>): boolean {
  return (Object.keys(NOTE_COLUMNS) as (keyof IncidentNotes)[]).some((k) => patch[k] !== undefined)
}

/** Writes all four notes of an incident. */
export async function writeNotes(x: Executor, id: string, notes: IncidentNotes): Promise<void> {
  await x.run(`UPDATE incidents SET strike_status = ?, belligerent = ?, summary = ?, grade_reason = ? WHERE id = ?`, [
    notes.strikeStatus,
    notes.belligerent,
    notes.summary,
    notes.gradeReason,
    id,
  ])
}
