/** @module Writing incidents: creating, editing, linking claims to them and setting their reconciled figures. */
import type { Period } from '../../domain/dates.js'
import { NotFound } from '../../domain/errors.js'
import type { ClaimId, IncidentId } from '../../domain/ids.js'
import type { Figure, Incident } from '../../domain/incident.js'
import type { ChangeContext } from '../../domain/revision.js'
import type { Grade } from '../../domain/values.js'
import type { IncidentDraft, IncidentPatch } from '../store.js'
import { claimsByIds, refreshSourceCount } from './claims-repo.js'
import { dateSpanClass } from './date-span.js'
import type { Executor, SqlValue } from './executor.js'
import { touchesNotes, writeNotes } from './incident-notes.js'
import { factsOf, incidentsByIds, requireIncident } from './incident-reads.js'
import { revise } from './revisions-repo.js'
import { settleMentions } from './victims-repo.js'
import { categoryBits, FIGURE_COLUMNS, figureRows, INCIDENT_COLUMNS, incidentRow, killedHigh } from './rows.js'
import { json, newId, now, parse, str } from './sql-util.js'
import { cubeApply } from './totals-cube.js'

/** Creates an incident (no figures, no sources yet) and records its revision. */
export async function createIncident(x0: Executor, d: IncidentDraft, ctx: ChangeContext): Promise<Incident> {
  return x0.transaction(async (x) => {
    const id = newId('inc_')
    await x.insertMany('incidents', INCIDENT_COLUMNS, [incidentRow(id, d, [], 0, now())])
    const inc = (await incidentsByIds(x, [id]))[0]!
    await revise(x, 'incident', id, 'create', ctx, null, d)
    return inc
  })
}

/**
 * Changes an incident's description (its figure rows follow); no change, no revision. An editor's place or date marks
 * the field as the editor's (a null place, or a date with no start, hands it back to the claims); from the claims,
 * only place and date are written, and only where no editor set them.
 */
export async function updateIncident(x0: Executor, id: IncidentId, patch: IncidentPatch, ctx: ChangeContext, by: 'editor' | 'claims' = 'editor'): Promise<Incident> {
  return x0.transaction(async (x) => {
    const before = await requireIncident(x, id)
    const beforeVals: Record<string, unknown> = {}
    const afterVals: Record<string, unknown> = {}
    const marks = { ...before.setByEditor }
    if (by === 'editor') {
      if (patch.place !== undefined) marks.place = patch.place !== null
      if (patch.date !== undefined) marks.date = patch.date.start !== null
    }
    for (const [k, v] of Object.entries(patch) as [keyof IncidentPatch, unknown][]) {
      if (v === undefined || JSON.stringify(before[k]) === JSON.stringify(v)) continue
      if (by === 'claims' && (k !== 'place' || before.setByEditor.place) && (k !== 'date' || before.setByEditor.date)) continue
      beforeVals[k] = before[k]
      afterVals[k] = v
    }
    // An editor confirming the place the claims gave still makes it theirs: the mark is part of the record.
    if (marks.place !== before.setByEditor.place || marks.date !== before.setByEditor.date) {
      beforeVals.setByEditor = before.setByEditor
      afterVals.setByEditor = marks
    }
    if (Object.keys(afterVals).length === 0) return before
    const next: Incident = { ...before, ...(afterVals as IncidentPatch), setByEditor: marks }
    if (touchesNotes(afterVals)) await writeNotes(x, id, next)
    await x.run(
      `UPDATE incidents SET date_start = ?, date_end = ?, date_last = ?, date_span = ?, date = ?, place = ?, country = ?, actor = ?, actor_lc = ?,
              target = ?, victims = ?, grade = ?, place_by_editor = ?, date_by_editor = ?, updated_at = ? WHERE id = ?`,
      [
        next.date.start,
        next.date.end,
        next.date.end ?? next.date.start,
        dateSpanClass(next.date.start, next.date.end ?? next.date.start),
        json(next.date),
        next.place === null ? null : json(next.place),
        next.place?.country ?? null,
        next.actor,
        next.actor?.toLowerCase() ?? null,
        next.target,
        json(next.victims),
        next.grade,
        next.setByEditor.place ? 1 : 0,
        next.setByEditor.date ? 1 : 0,
        now(),
        id,
      ],
    )
    const oldFacts = await factsOf(x, id)
    await cubeApply(x, oldFacts, -1)
    await x.run('UPDATE incident_figures SET date_start = ?, date_end = ?, date_last = ?, country = ?, actor = ?, actor_lc = ?, grade = ? WHERE incident_id = ?', [
      next.date.start,
      next.date.end,
      next.date.end ?? next.date.start,
      next.place?.country ?? null,
      next.actor,
      next.actor?.toLowerCase() ?? null,
      next.grade,
      id,
    ])
    await cubeApply(x, await factsOf(x, id), 1)
    await revise(x, 'incident', id, 'update', ctx, beforeVals, afterVals)
    return requireIncident(x, id)
  })
}

/** Links claims to an incident (or unlinks them, with null), each with why; recounts the incidents touched. */
export async function linkClaims(x0: Executor, claimIds: readonly ClaimId[], incidentId: IncidentId | null, reasonFor: string | ((id: ClaimId) => string), ctx: ChangeContext): Promise<void> {
  await x0.transaction(async (x) => {
    if (incidentId !== null) await requireIncident(x, incidentId)
    const unique = [...new Set(claimIds)]
    const claims = await claimsByIds(x, unique)
    if (claims.length !== unique.length) {
      const found = new Set(claims.map((c) => c.id as string))
      throw new NotFound('claim', unique.find((id) => !found.has(id)) ?? '?')
    }
    const at = now()
    const touched: string[] = incidentId === null ? [] : [incidentId]
    const moved: ClaimId[] = []
    for (const c of claims) {
      if (c.incidentId === incidentId) continue
      moved.push(c.id)
      if (c.incidentId !== null) touched.push(c.incidentId)
      const reason = typeof reasonFor === 'string' ? reasonFor : reasonFor(c.id)
      await x.run('UPDATE claims SET incident_id = ?, link_reason = ?, link_by = ?, link_at = ?, updated_at = ? WHERE id = ?', [
        incidentId,
        incidentId === null ? null : reason,
        incidentId === null ? null : ctx.actor,
        incidentId === null ? null : at,
        at,
        c.id,
      ])
      await revise(x, 'claim', c.id, 'link', { actor: ctx.actor, why: ctx.why ?? reason }, { incidentId: c.incidentId }, { incidentId, reason })
    }
    await refreshSourceCount(x, touched)
    // The victims the moved claims name go with them.
    await settleMentions(x, moved, ctx)
  })
}

/** Replaces an incident's reconciled figures and the derived figure rows and totals cube. */
export async function setFigures(x0: Executor, id: IncidentId, figures: readonly Figure[], opts?: { readonly grade?: Grade | null }): Promise<void> {
  await x0.transaction(async (x) => {
    const r = await x.get('SELECT status, date, country, actor, grade FROM incidents WHERE id = ?', [id])
    if (r === undefined) throw new NotFound('incident', id)
    const sets = ['figures = ?', 'killed_high = ?', 'categories = ?']
    const params: SqlValue[] = [json(figures), killedHigh(figures), categoryBits(figures)]
    if (opts?.grade !== undefined) {
      sets.push('grade = ?')
      params.push(opts.grade)
    }
    await x.run(`UPDATE incidents SET ${sets.join(', ')} WHERE id = ?`, [...params, id])
    // Derived rows, rebuilt whole: replacing them is not a change of record, so it writes no revision.
    await cubeApply(x, await factsOf(x, id), -1)
    await x.run('DELETE FROM incident_figures WHERE incident_id = ?', [id])
    const grade = opts?.grade !== undefined ? opts.grade : str(r.grade)
    const rows = figureRows(id, figures, { status: String(r.status), date: parse<Period>(r.date), country: str(r.country), actor: str(r.actor), grade })
    if (rows.length > 0) await x.insertMany('incident_figures', FIGURE_COLUMNS, rows)
    await cubeApply(x, await factsOf(x, id), 1)
  })
}
