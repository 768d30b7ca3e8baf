/** @module Merging one incident into another, and undoing it: claims move with why they joined, and back. */
import { DomainError } from '../../domain/errors.js'
import type { ClaimId, IncidentId } from '../../domain/ids.js'
import type { Incident } from '../../domain/incident.js'
import type { ChangeContext } from '../../domain/revision.js'
import { claimsByIds } from './claims-repo.js'
import type { Executor } from './executor.js'
import { factsOf, requireIncident } from './incident-reads.js'
import { linkClaims } from './incident-writes.js'
import { revise } from './revisions-repo.js'
import { moveUnnamedVictims } from './victims-repo.js'
import { now, parse } from './sql-util.js'
import { cubeApply } from './totals-cube.js'

/** Merges `from` into `into`: its claims move, it stays as a record pointing at `into`. */
export async function mergeIncidents(x0: Executor, from: IncidentId, into: IncidentId, ctx: ChangeContext): Promise<Incident> {
  return x0.transaction(async (x) => {
    if (from === into) throw new DomainError('conflict', `cannot merge incident ${from} into itself`, { details: { from, into } })
    const a = await requireIncident(x, from)
    const b = await requireIncident(x, into)
    if (a.status === 'merged') throw new DomainError('conflict', `incident ${from} is already merged into ${a.mergedInto ?? '?'}`, { details: { from } })
    if (b.status === 'merged') throw new DomainError('conflict', `incident ${into} is merged into ${b.mergedInto ?? '?'}; merge into that one`, { details: { into } })
    const moved = a.links.map((l) => l.claimId)
    // Each claim keeps why it first joined (its import row, the linker's evidence) before why it moved.
    const earlier = new Map(a.links.map((l) => [l.claimId, l.reason]))
    const merged = ctx.why ? `merged from ${from}: ${ctx.why}` : `merged from ${from}`
    if (moved.length > 0) await linkClaims(x, moved, into, (id) => (earlier.get(id) ? `${earlier.get(id)}; ${merged}` : merged), ctx)
    await moveUnnamedVictims(x, from, into, ctx)
    const at = now()
    await cubeApply(x, await factsOf(x, from), -1)
    await x.run("UPDATE incidents SET status = 'merged', merged_into = ?, updated_at = ? WHERE id = ?", [into, at, from])
    await x.run("UPDATE incident_figures SET status = 'merged' WHERE incident_id = ?", [from])
    await revise(x, 'incident', from, 'merge', ctx, { status: 'active', mergedInto: null }, { status: 'merged', mergedInto: into })
    await revise(x, 'incident', into, 'absorb', ctx, null, { from, claims: moved })
    return requireIncident(x, into)
  })
}

/** Undoes a merge: the claims that merge moved (and have not moved on) come back. */
export async function unmergeIncident(x0: Executor, id: IncidentId, ctx: ChangeContext): Promise<{ restored: Incident; from: Incident }> {
  return x0.transaction(async (x) => {
    const a = await requireIncident(x, id)
    if (a.status !== 'merged' || a.mergedInto === null) throw new DomainError('conflict', `incident ${id} is not merged`, { details: { id } })
    const into = a.mergedInto
    const b = await requireIncident(x, into)
    if (b.status === 'merged') throw new DomainError('conflict', `incident ${into} has since been merged into ${b.mergedInto ?? '?'}; unmerge that first`, { details: { into } })
    // The claims this merge moved, as its 'absorb' revision recorded them; those moved on since stay where they are.
    const absorbs = await x.all("SELECT after FROM revisions WHERE entity_type = 'incident' AND entity_id = ? AND action = 'absorb' ORDER BY seq DESC", [into])
    const record = absorbs.map((r) => parse<{ from: string; claims: ClaimId[] }>(r.after)).find((r) => r?.from === id)
    const moved = record?.claims ?? []
    const back = (await claimsByIds(x, moved)).filter((c) => c.incidentId === into).map((c) => c.id)
    await x.run("UPDATE incidents SET status = 'active', merged_into = NULL, updated_at = ? WHERE id = ?", [now(), id])
    await x.run("UPDATE incident_figures SET status = 'active' WHERE incident_id = ?", [id])
    await cubeApply(x, await factsOf(x, id), 1)
    // Each claim goes back with why it first joined (before "; merged from …") and why it came back.
    const reasonsNow = new Map(b.links.map((l) => [l.claimId, l.reason]))
    const unmerged = ctx.why ? `unmerged from ${into}: ${ctx.why}` : `unmerged from ${into}`
    const before = (cid: ClaimId): string | null => {
      const r = reasonsNow.get(cid)
      const cut = r?.indexOf(`; merged from ${id}`) ?? -1
      return r === undefined ? null : cut >= 0 ? r.slice(0, cut) : r.startsWith(`merged from ${id}`) ? null : r
    }
    if (back.length > 0) await linkClaims(x, back, id, (cid) => (before(cid) ? `${before(cid)}; ${unmerged}` : unmerged), ctx)
    await revise(x, 'incident', id, 'unmerge', ctx, { status: 'merged', mergedInto: into }, { status: 'active', mergedInto: null })
    await revise(x, 'incident', into, 'release', ctx, null, { to: id, claims: back })
    return { restored: await requireIncident(x, id), from: await requireIncident(x, into) }
  })
}
