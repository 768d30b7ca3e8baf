/** @module Incidents: list with filters, one with its claims, sources and history, corrections, merge and split; totals. */
import { z } from 'zod'
import type { Finding as DomainFinding } from '../../domain/finding.js'
import { asClaimId, asIncidentId } from '../../domain/ids.js'
import { period } from '../../domain/dates.js'
import { place } from '../../domain/place.js'
import { editIncident, mergeIncident, splitIncident } from '../../app/edit-incidents.js'
import type { IncidentPatch, Store } from '../../storage/store.js'
import { IdParams, Incident, IncidentDetail, IncidentListItem, IncidentListQuery, IncidentPatchBody, MergeBody, Page, SplitBody, TotalsQuery, TotalsResponse } from '../schemas.js'
import { settingOfIncident } from '../../app/incident-setting.js'
import { possiblySamePeople } from '../../domain/victim-match.js'
import { route, type AnyRoute } from '../route.js'
import { changeBy, found, incidentFilter, pageOf, type RouteContext } from './context.js'

// An incident with more claims than this is shown with its first claims only; none in practice come near it.
const DETAIL_CLAIMS = 1000
// The newest changes to an incident and its claims; the full log stays at /api/revisions.
const DETAIL_REVISIONS = 500

/** Incident routes. */
export function incidentRoutes({ store }: RouteContext): AnyRoute[] {
  const getIncident = async (s: Store, id: string) => found(await s.incidents.get(asIncidentId(id)), 'incident', id)
  return [
    route({
      method: 'get',
      path: '/api/incidents',
      operationId: 'listIncidents',
      summary: 'Incidents matching the filters; sorted by date (newest first by default), ties by id. Answers may be reused for a few seconds (writes through this server show at once).',
      tags: ['incidents'],
      access: 'read',
      query: IncidentListQuery,
      response: Page(IncidentListItem),
      cached: true,
      handler: async ({ query }) => {
        const page = await store.incidents.list(incidentFilter(query), pageOf(query), query.sort)
        // One query for the page's dispute marks, so the list shows which strikes carry an open finding.
        const disputed = await store.findings.disputedAmong(page.items.map((i) => i.id))
        return { ...page, items: page.items.map((i) => ({ ...i, disputed: disputed.has(i.id) })) }
      },
    }),
    route({
      method: 'get',
      path: '/api/incidents/:id',
      operationId: 'getIncident',
      summary: 'One incident with its figures, its claims (with quotes and sources), its sources, and one history of the incident and its claims (newest first).',
      tags: ['incidents'],
      access: 'read',
      params: IdParams,
      response: IncidentDetail,
      handler: async ({ params }) => {
        const incident = await getIncident(store, params.id)
        const claims = await store.claims.list({ incidentId: incident.id }, { limit: DETAIL_CLAIMS, offset: 0 })
        // Summaries in one query: a source's text can be megabytes, and the page shows only quotes.
        const sourceList = (await store.incidents.sourcesOf([incident.id])).get(incident.id) ?? []
        const sources = new Map(sourceList.map((s) => [s.id, s]))
        const everyVictim = await store.victims.listForIncident(incident.id, { removed: true })
        const victims = everyVictim.filter((v) => v.status === 'active')
        // One history: the incident's own changes, every accept, reject, edit and move of its claims, and its victims'.
        const of = [
          { entityType: 'incident' as const, entityId: incident.id as string },
          ...claims.items.map((c) => ({ entityType: 'claim' as const, entityId: c.id })),
          ...everyVictim.map((v) => ({ entityType: 'victim' as const, entityId: v.id })),
        ]
        const revisions = await store.revisions.list({ of }, { limit: DETAIL_REVISIONS, offset: 0 })
        const withSource = claims.items.flatMap((c) => {
          const source = sources.get(c.sourceId)
          return source ? [{ ...c, source }] : []
        })
        // The findings over its claims, each once (as `reckon incident` lists them), so the page can mark open disputes.
        const findings = new Map<string, DomainFinding>()
        for (const c of claims.items) for (const f of (await store.findings.list({ claimId: c.id }, { limit: 100, offset: 0 })).items) findings.set(f.id, f)
        return { incident, claims: withSource, sources: sourceList, victims, victimSuggestions: possiblySamePeople(victims.filter((v) => v.review !== 'rejected')), revisions: [...revisions.items], setting: settingOfIncident(claims.items), findings: [...findings.values()] }
      },
    }),
    route({
      method: 'patch',
      path: '/api/incidents/:id',
      operationId: 'updateIncident',
      summary: 'Corrects an incident’s date and its precision, place (with its precision), actor or target (an editor’s place or date stays until the editor clears it with null, or a date with no start: then its claims set it again), and records its strike status, belligerent, summary, and civilian-harm grade with the grader’s reason; each change is a revision carrying `reason`.',
      tags: ['incidents'],
      access: 'editor',
      params: IdParams,
      body: IncidentPatchBody,
      response: Incident,
      handler: async ({ params, body, principal }) => {
        const current = await getIncident(store, params.id)
        const p = body.patch
        const patch: { -readonly [K in keyof IncidentPatch]: IncidentPatch[K] } = {}
        // The domain validators say why a date range or a place is impossible (an end before its start, a lat alone).
        if (p.date !== undefined) patch.date = period(p.date, 'body.patch.date')
        if (p.place !== undefined) patch.place = p.place === null ? null : place(p.place, 'body.patch.place')
        if (p.actor !== undefined) patch.actor = p.actor?.trim() || null
        if (p.target !== undefined) patch.target = p.target?.trim() || null
        if (p.grade !== undefined) patch.grade = p.grade
        // A grade is given with its reason: a new grade without one keeps the reason given for the change; no grade, no reason.
        if (p.gradeReason !== undefined) patch.gradeReason = p.gradeReason?.trim() || null
        else if (p.grade === null) patch.gradeReason = null
        else if (p.grade !== undefined && p.grade !== current.grade) patch.gradeReason = body.reason
        if (p.strikeStatus !== undefined) patch.strikeStatus = p.strikeStatus
        if (p.belligerent !== undefined) patch.belligerent = p.belligerent?.trim() || null
        if (p.summary !== undefined) patch.summary = p.summary?.trim() || null
        return editIncident(store, current.id, patch, changeBy(principal, body.reason))
      },
    }),
    route({
      method: 'post',
      path: '/api/incidents/:id/merge',
      operationId: 'mergeIncident',
      summary: 'Merges this incident into `into`: its claims move there and it is kept, marked merged.',
      tags: ['incidents'],
      access: 'editor',
      params: IdParams,
      body: MergeBody,
      response: Incident,
      handler: async ({ params, body, principal }) =>
        mergeIncident(store, asIncidentId(params.id), asIncidentId(body.into), changeBy(principal, body.reason)),
    }),
    route({
      method: 'post',
      path: '/api/incidents/:id/split',
      operationId: 'splitIncident',
      summary: 'Moves the given claims out of this incident into a new one (same date and place to start with).',
      tags: ['incidents'],
      access: 'editor',
      params: IdParams,
      body: SplitBody,
      response: z.object({ from: Incident, to: Incident }),
      status: 201,
      handler: async ({ params, body, principal }) =>
        splitIncident(store, asIncidentId(params.id), body.claimIds.map(asClaimId), changeBy(principal, body.reason), 'body.claimIds'),
    }),
    route({
      method: 'get',
      path: '/api/totals',
      operationId: 'totals',
      summary: 'Reconciled low/high sums of incident figures, grouped by year, month, country or actor; by month, incidents not dated within one month are summed by year in `notByMonth`. Answers may be reused for a few seconds (writes through this server show at once).',
      tags: ['incidents'],
      access: 'read',
      query: TotalsQuery,
      response: TotalsResponse,
      cached: true,
      handler: async ({ query }) => {
        const rows = await store.totals(query.groupBy, incidentFilter(query))
        if (query.groupBy !== 'month') return { groupBy: query.groupBy, rows, notByMonth: [] }
        // The store sums such incidents under their start year ("2016") among the months ("2016-05"): see TOTAL_GROUPS.
        const byYear = (r: (typeof rows)[number]): boolean => r.group !== null && r.group.length === 4
        return { groupBy: query.groupBy, rows: rows.filter((r) => !byYear(r)), notByMonth: rows.filter(byYear) }
      },
    }),
  ]
}
