/**
 * @module One search over the store: sources by full text (FTS5 on SQLite, tsvector on PostgreSQL), and the incidents
 * their claims are linked to, each with the excerpt that matched, so a strike is found by a name in its report; and
 * named victims by the words of their names in any transliteration, each with their incident.
 */
import { z } from 'zod'
import type { IncidentId } from '../../domain/ids.js'
import type { Incident as IncidentRecord } from '../../domain/incident.js'
import type { Victim as VictimRecord } from '../../domain/victim.js'
import { SearchResult } from '../schemas.js'
import { route, type AnyRoute } from '../route.js'
import type { RouteContext } from './context.js'

const SearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(500),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})


/** GET /api/search. */
export function searchRoutes({ store }: RouteContext): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/search',
      operationId: 'search',
      summary:
        'Full-text search: sources whose title or text holds every word (best first, matches wrapped in «» in `snippet`), and the incidents their claims are linked to, each with the excerpt of the source that found it; and named victims whose names hold a word beginning with each word (transliterations compared: "Muhammad" finds "Mohammed"), each with their incident.',
      tags: ['sources'],
      access: 'read',
      query: SearchQuery,
      response: SearchResult,
      handler: async ({ query }) => {
        const hits = await store.sources.search(query.q, { limit: query.limit, offset: 0 })
        // The incidents behind the best hits, each once, found by its best-ranked source.
        const found = new Map<IncidentId, { sourceId: string; snippet: string }>()
        for (const hit of hits.items) {
          const claims = await store.claims.list({ sourceId: hit.id }, { limit: 500, offset: 0 })
          for (const c of claims.items) if (c.incidentId !== null && !found.has(c.incidentId)) found.set(c.incidentId, { sourceId: hit.id, snippet: hit.snippet })
        }
        const incidents: { incident: IncidentRecord; sourceId: string; snippet: string }[] = []
        for (const [id, via] of found) {
          const incident = await store.incidents.get(id)
          // Only active incidents: a merged one has handed its claims on and is no longer a strike of its own.
          if (incident !== null && incident.status !== 'merged') incidents.push({ incident, ...via })
        }
        const named = await store.victims.search(query.q, { limit: query.limit, offset: 0 })
        const victims: { victim: VictimRecord; incident: IncidentRecord }[] = []
        for (const victim of named.items) {
          const incident = await store.incidents.get(victim.incidentId)
          if (incident !== null) victims.push({ victim, incident })
        }
        return { q: query.q, sources: { total: hits.total, items: hits.items }, incidents, victims: { total: named.total, items: victims } }
      },
    }),
  ]
}
