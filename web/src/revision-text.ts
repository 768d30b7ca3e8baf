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
