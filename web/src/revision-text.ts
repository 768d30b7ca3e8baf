/** @module What a revision changed, as short "field: before → after" lines for the incident page's history. Pure. */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A value as a person reads it in one line: "—" for none, JSON for structures, cut at 60 characters. */
function show(v: unknown): string {
  const s = v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > 60 ? `${s.slice(0, 59)}…` : s
}

/**
 * The fields a change altered, in the order the new values list them. A creation (nothing before) lists none: the
 * record itself is on the page. A link's reason is left out, since the history shows it as the change's why.
 */
export function revisionChanges(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return []
  return Object.keys(after)
    .filter((k) => k !== 'reason' && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k}: ${show(before[k])} → ${show(after[k])}`)
}

/** The fields of a revision the history needs to replay edits. */
interface RevisionLike {
  readonly id: string | number
  readonly entityType: string
  readonly entityId: string
  readonly action: string
  readonly before: unknown
}

/**
 * Each claim revision's claim as it was when the change was made, so the history does not relabel past events with
 * today's values ("accepted 5 killed · total" stays so after the category was later edited to militants). Walks the
 * revisions newest first from each claim's current values, undoing every edit with the values it replaced; an edit
 * itself is labelled with the values it left.
 */
export function claimsAsTheyWere<C extends object>(revisions: readonly RevisionLike[], current: ReadonlyMap<string, C>): Map<string | number, C> {
  const state = new Map<string, C>(current)
  const out = new Map<string | number, C>()
  for (const r of revisions) {
    if (r.entityType !== 'claim') continue
    const now = state.get(r.entityId)
    if (now === undefined) continue
    out.set(r.id, now)
    if (r.action === 'edit' && isRecord(r.before)) state.set(r.entityId, { ...now, ...r.before })
  }
  return out
}
