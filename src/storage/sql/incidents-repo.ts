/** @module Incidents: the repository assembled from reading, writing, merging and map points (each its own module). */
import type { IncidentRepo } from '../store.js'
import { mergeIncidents, unmergeIncident } from './incident-merge.js'
import { candidateIds, candidates } from './candidates.js'
import { extractorsOf, incidentsByIds, listIncidents, sourcesOf } from './incident-reads.js'
import { createIncident, linkClaims, setFigures, updateIncident } from './incident-writes.js'
import { mapPoints } from './map-points.js'
import { UNBOUNDED_HIGH } from './rows.js'
import type { Scope } from './scope.js'

/** The incidents repository over a scope. */
export function incidentsRepo(s: Scope): IncidentRepo {
  const { x } = s
  return {
    create: (draft, ctx) => createIncident(x, draft, ctx),
    get: async (id) => (await incidentsByIds(x, [id]))[0] ?? null,
    getMany: (ids) => incidentsByIds(x, [...new Set(ids)]),
    list: (filter, page, sort) => listIncidents(s, filter ?? {}, page, sort ?? 'date'),
    update: (id, patch, ctx, opts) => updateIncident(x, id, patch, ctx, opts?.by ?? 'editor'),
    link: (claimIds, incidentId, reason, ctx) => linkClaims(x, claimIds, incidentId, reason, ctx),
    setFigures: (id, figures, opts) => setFigures(x, id, figures, opts),
    merge: (from, into, ctx) => mergeIncidents(x, from, into, ctx),
    unmerge: (from, ctx) => unmergeIncident(x, from, ctx),
    candidates: (q) => candidates(x, q),
    candidateIds: (qs) => candidateIds(x, qs),
    extractorsOf: (ids) => extractorsOf(x, ids),
    sourcesOf: (ids) => sourcesOf(x, ids),
    mapPoints: (filter) => mapPoints(s, filter ?? {}, UNBOUNDED_HIGH),
  }
}
