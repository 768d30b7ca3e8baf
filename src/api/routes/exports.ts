/**
 * @module Exports of incidents (CSV, GeoJSON, JSON, with named victims in the JSON), victims (CSV) and claims (CSV), honouring the incident filters. Rows are
 * streamed a page at a time, so exporting the whole store never holds it in memory; each page is read with a fixed
 * number of queries (never one per incident), and each must be ready within the request timeout (see stream.ts).
 */
import { exportedVictim, incidentPagesWithVictims, victimCsvChunks } from '../../app/export-victims.js'
import type { Claim } from '../../domain/claim.js'
import type { Incident } from '../../domain/incident.js'
import type { SourceId } from '../../domain/ids.js'
import type { SourceSummary } from '../../domain/source.js'
import { CATEGORIES, MEASURES } from '../../domain/values.js'
import type { ClaimFilter, IncidentFilter, Store } from '../../storage/store.js'
import { csvRow, type CsvValue } from '../../importers/csv.js'
import { route, type AnyRoute } from '../route.js'
import { ClaimListQuery, IncidentFilterQuery } from '../schemas.js'
import { streamOf } from '../stream.js'
import { incidentFilter, type RouteContext } from './context.js'

const PAGE = 500

/** Every incident matching the filter, in date order (then id), a page at a time. */
async function* allIncidents(store: Store, filter: IncidentFilter): AsyncGenerator<readonly Incident[]> {
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.incidents.list(filter, { limit: PAGE, offset }, 'date')
    if (page.items.length > 0) yield page.items
    if (page.items.length < PAGE) return
  }
}

/** Every claim matching the filter, in storage order, a page at a time. */
async function* allClaims(store: Store, filter: ClaimFilter): AsyncGenerator<readonly Claim[]> {
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.claims.list(filter, { limit: PAGE, offset })
    if (page.items.length > 0) yield page.items
    if (page.items.length < PAGE) return
  }
}

const FIGURE_COLUMNS = MEASURES.flatMap((m) => CATEGORIES.flatMap((c) => [`${m}_${c}_low`, `${m}_${c}_high`]))

/** The incidents CSV header. */
export const INCIDENT_CSV_HEADER = [
  'id',
  'date_start',
  'date_end',
  'date_precision',
  'country',
  'admin1',
  'place',
  'lat',
  'lon',
  'place_precision',
  'actor',
  'target',
  'grade',
  'grade_reason',
  'strike_status',
  'belligerent',
  'summary',
  ...FIGURE_COLUMNS,
  'source_count',
  'source_ids',
  'publishers',
] as const

/** The claims CSV header. */
export const CLAIM_CSV_HEADER = [
  'id',
  'source_id',
  'incident_id',
  'status',
  'measure',
  'category',
  'min',
  'max',
  'qualifier',
  'scope',
  'incidents',
  'period_start',
  'period_end',
  'place',
  'country',
  'actor',
  'claimant',
  'quote',
  'span_start',
  'span_end',
  'extractor',
  'zero',
] as const

function incidentRow(i: Incident, sources: readonly SourceSummary[]): CsvValue[] {
  const fig = new Map(i.figures.map((f) => [`${f.measure}_${f.category}`, f]))
  const figures = MEASURES.flatMap((m) =>
    CATEGORIES.flatMap((c) => {
      const f = fig.get(`${m}_${c}`)
      // A missing figure is an empty cell; so is an unknown bound: unknown is never 0, and an open high stays open.
      return f === undefined ? [null, null] : [f.min, f.max]
    }),
  )
  const publishers = [...new Set(sources.map((s) => s.publisher).filter((p): p is string => typeof p === 'string'))]
  return [
    i.id,
    i.date.start,
    i.date.end,
    i.date.precision,
    i.place?.country,
    i.place?.admin1,
    i.place?.name,
    i.place?.lat,
    i.place?.lon,
    i.place?.precision,
    i.actor,
    i.target,
    i.grade,
    i.gradeReason,
    i.strikeStatus,
    i.belligerent,
    i.summary,
    ...figures,
    i.sourceCount,
    sources.map((s) => s.id).join('; '),
    publishers.join('; '),
  ]
}

function claimRow(c: Claim): CsvValue[] {
  return [
    c.id,
    c.sourceId,
    c.incidentId,
    c.status,
    c.measure,
    c.category,
    c.min,
    c.max,
    c.qualifier,
    c.scope,
    c.incidents,
    c.period.start,
    c.period.end,
    c.place?.name,
    c.place?.country,
    c.actor,
    c.claimant,
    c.quote,
    c.span.start,
    c.span.end,
    c.extractor,
    c.zero ?? null,
  ]
}

function hasIncidentFilter(f: IncidentFilter): boolean {
  return Object.keys(f).length > 0
}

/**
 * The file name of an export, saying what it holds: "reckon-incidents-PK-2012-01-01_2013-12-31.csv", with the actor,
 * category, grade and minimum named too when filtered, so a folder of downloads can be told apart.
 */
export function exportFileName(what: string, filter: IncidentFilter, ext: string): string {
  const slug = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40)
  const parts = ['reckon', what]
  if (filter.country !== undefined) parts.push(filter.country)
  if (filter.from !== undefined && filter.to !== undefined) parts.push(`${filter.from}_${filter.to}`)
  else if (filter.from !== undefined) parts.push(`from-${filter.from}`)
  else if (filter.to !== undefined) parts.push(`to-${filter.to}`)
  if (filter.actor !== undefined && slug(filter.actor) !== '') parts.push(slug(filter.actor))
  if (filter.category !== undefined) parts.push(filter.category)
  if (filter.grade !== undefined) parts.push(`grade-${filter.grade}`)
  if (filter.minCasualties !== undefined) parts.push(`min-${filter.minCasualties}-killed`)
  return `${parts.join('-')}.${ext}`
}

/** Export routes. */
export function exportRoutes({ store, config }: RouteContext): AnyRoute[] {
  const stream = (chunks: AsyncIterable<string>, type: string, filename: string): Promise<Response> =>
    Promise.resolve(streamOf(chunks, type, filename, config.requestTimeoutMs))
  return [
    route({
      method: 'get',
      path: '/api/export/incidents.csv',
      operationId: 'exportIncidentsCsv',
      summary: 'Incidents as CSV: one row per incident, low/high per measure and category, sources joined.',
      tags: ['exports'],
      access: 'read',
      query: IncidentFilterQuery,
      produces: 'text/csv',
      handler: async ({ query }) => {
        const filter = incidentFilter(query)
        async function* rows(): AsyncGenerator<string> {
          yield csvRow([...INCIDENT_CSV_HEADER])
          for await (const page of allIncidents(store, filter)) {
            // The page's sources in one query, not one claims query per incident.
            const sources = await store.incidents.sourcesOf(page.map((i) => i.id))
            yield page.map((i) => csvRow(incidentRow(i, sources.get(i.id) ?? []))).join('')
          }
        }
        return stream(rows(), 'text/csv; charset=utf-8', exportFileName('incidents', filter, 'csv'))
      },
    }),
    route({
      method: 'get',
      path: '/api/export/claims.csv',
      operationId: 'exportClaimsCsv',
      summary: 'Claims as CSV with their quotes; claim filters apply, and incident filters keep claims of matching incidents.',
      tags: ['exports'],
      access: 'read',
      query: ClaimListQuery.omit({ limit: true, offset: true }).extend(IncidentFilterQuery.shape),
      produces: 'text/csv',
      handler: async ({ query }) => {
        const iFilter = incidentFilter(query)
        const cFilter: { -readonly [K in keyof ClaimFilter]: ClaimFilter[K] } = {}
        if (query.sourceId !== undefined) cFilter.sourceId = query.sourceId as SourceId
        if (query.incidentId !== undefined) cFilter.incidentId = query.incidentId as Incident['id']
        if (query.status !== undefined) cFilter.status = query.status
        if (query.measure !== undefined) cFilter.measure = query.measure
        if (query.category !== undefined) cFilter.category = query.category
        if (query.scope !== undefined) cFilter.scope = query.scope
        async function* rows(): AsyncGenerator<string> {
          yield csvRow([...CLAIM_CSV_HEADER])
          if (!hasIncidentFilter(iFilter)) {
            for await (const page of allClaims(store, cFilter)) yield page.map((c) => csvRow(claimRow(c))).join('')
            return
          }
          for await (const page of allIncidents(store, iFilter)) {
            // The page's claims in one query (more only past a claims page), written incident by incident in page order.
            const byIncident = new Map<string, Claim[]>(page.map((i) => [i.id, []]))
            for await (const cs of allClaims(store, { ...cFilter, incidentIds: page.map((i) => i.id) })) for (const c of cs) byIncident.get(c.incidentId ?? '')?.push(c)
            yield [...byIncident.values()].flatMap((cs) => cs.map((c) => csvRow(claimRow(c)))).join('')
          }
        }
        return stream(rows(), 'text/csv; charset=utf-8', exportFileName('claims', iFilter, 'csv'))
      },
    }),
    route({
      method: 'get',
      path: '/api/export/victims.csv',
      operationId: 'exportVictimsCsv',
      summary: 'Named victims as CSV, one row per person with their incident, age, sex, relation, fate, review state and the sources naming them; incident filters apply.',
      tags: ['exports'],
      access: 'read',
      query: IncidentFilterQuery,
      produces: 'text/csv',
      handler: async ({ query }) => {
        const filter = incidentFilter(query)
        return stream(victimCsvChunks(store, filter), 'text/csv; charset=utf-8', exportFileName('victims', filter, 'csv'))
      },
    }),
    route({
      method: 'get',
      path: '/api/export/incidents.geojson',
      operationId: 'exportIncidentsGeojson',
      summary: 'Incidents with coordinates as GeoJSON points; `precision` says when a point is only a region or country centroid.',
      tags: ['exports'],
      access: 'read',
      query: IncidentFilterQuery,
      produces: 'application/geo+json',
      handler: async ({ query }) => {
        const filter = incidentFilter(query)
        async function* parts(): AsyncGenerator<string> {
          yield '{"type":"FeatureCollection","features":['
          let first = true
          for await (const page of allIncidents(store, filter)) {
            let chunk = ''
            for (const i of page) {
              const p = i.place
              if (p === null || p.lat === null || p.lon === null) continue
              const killed = i.figures.find((f) => f.measure === 'killed' && f.category === 'total')
              const feature = {
                type: 'Feature',
                id: i.id,
                geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
                properties: {
                  id: i.id,
                  precision: p.precision,
                  place: p.name,
                  admin1: p.admin1,
                  country: p.country,
                  dateStart: i.date.start,
                  dateEnd: i.date.end,
                  datePrecision: i.date.precision,
                  actor: i.actor,
                  belligerent: i.belligerent,
                  strikeStatus: i.strikeStatus,
                  grade: i.grade,
                  killedLow: killed ? (killed.min ?? 0) : null,
                  killedHigh: killed ? killed.max : null,
                  sourceCount: i.sourceCount,
                },
              }
              chunk += (first ? '' : ',') + JSON.stringify(feature)
              first = false
            }
            yield chunk
          }
          yield ']}'
        }
        return stream(parts(), 'application/geo+json; charset=utf-8', exportFileName('incidents', filter, 'geojson'))
      },
    }),
    route({
      method: 'get',
      path: '/api/export/incidents.json',
      operationId: 'exportIncidentsJson',
      summary: 'Incidents matching the filters as one JSON document `{filter, incidents}`; each incident’s `victims` are its named victims (name, age, sex, relation, fate, review, sourceIds, claimIds).',
      tags: ['exports'],
      access: 'read',
      query: IncidentFilterQuery,
      produces: 'application/json',
      handler: async ({ query }) => {
        const filter = incidentFilter(query)
        async function* parts(): AsyncGenerator<string> {
          yield `{"filter":${JSON.stringify(filter)},"incidents":[`
          let first = true
          // Each incident with its named victims as records (the person, review state, and the reports naming them).
          for await (const { incidents, victims } of incidentPagesWithVictims(store, filter)) {
            yield (first ? '' : ',') + incidents.map((i) => JSON.stringify({ ...i, victims: (victims.get(i.id) ?? []).map(exportedVictim) })).join(',')
            first = false
          }
          yield ']}'
        }
        return stream(parts(), 'application/json; charset=utf-8', exportFileName('incidents', filter, 'json'))
      },
    }),
  ]
}
