/** @module Builds stored claims for reconciliation tests, with defaults for every field the test does not care about. */
import { asClaimId, asIncidentId, asSourceId, type Claim, type Place } from '../../domain/index.js'

let next = 0

/** Input for `buildClaim`: any claim field, plus shorthand `from`/`to` for the period and `country`/`admin1` for the place. */
export type ClaimInput = Partial<Omit<Claim, 'id' | 'sourceId' | 'incidentId'>> & {
  id?: string
  sourceId?: string
  incidentId?: string | null
  from?: string | null
  to?: string | null
  country?: string | null
  admin1?: string | null
}

/** A stored claim with sensible defaults (killed, total, exact, incident scope, accepted). */
export function buildClaim(input: ClaimInput = {}): Claim {
  const { id, sourceId, incidentId, from, to, country, admin1, ...rest } = input
  const place: Place | null =
    country === undefined && admin1 === undefined ? null : { name: null, admin1: admin1 ?? null, country: country ?? null, lat: null, lon: null, precision: admin1 ? 'region' : 'country' }
  next++
  return {
    measure: 'killed',
    category: 'total',
    min: 1,
    max: 1,
    qualifier: 'exact',
    scope: 'incident',
    incidents: null,
    period: { start: from ?? null, end: to === undefined ? (from ?? null) : to, precision: 'day' },
    place,
    actor: null,
    claimant: null,
    quote: 'quote',
    span: { start: 0, end: 5 },
    extractor: 'person:test',
    eventKey: null,
    names: [],
    status: 'accepted',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...rest,
    id: asClaimId(id ?? `clm_t${next}`),
    sourceId: asSourceId(sourceId ?? 'src_a'),
    incidentId: incidentId ? asIncidentId(incidentId) : null,
  }
}

/** A place without coordinates: a country, optionally a region and a name, at a precision (region by default). */
export const place = (country: string | null, admin1: string | null = null, name: string | null = null, precision: Place['precision'] = 'region'): Place => ({
  name,
  admin1,
  country,
  lat: null,
  lon: null,
  precision,
})
