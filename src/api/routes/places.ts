/** @module The gazetteer for people choosing a place: a country picker's list, a village searched by name. */
import { z } from 'zod'
import { searchPlaces } from '../../gazetteer/index.js'
import { PlaceChoices } from '../schemas.js'
import { route, type AnyRoute } from '../route.js'
import type { RouteContext } from './context.js'

const PlaceQuery = z.strictObject({
  q: z.string().max(200).default(''),
  kind: z.enum(['country', 'region', 'locality']).optional(),
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(20),
})

/** GET /api/places: gazetteer entries by name, best first. */
export function placeRoutes(_ctx: RouteContext): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/places',
      operationId: 'searchPlaces',
      summary: 'Gazetteer places (countries, regions, towns and villages) whose name starts with or contains `q`, best first; with no `q`, every place of `kind`.',
      tags: ['meta'],
      access: 'read',
      query: PlaceQuery,
      response: PlaceChoices,
      handler: ({ query }) => {
        const opts: Parameters<typeof searchPlaces>[1] = { limit: query.limit }
        if (query.kind !== undefined) opts.kind = query.kind
        if (query.country !== undefined) opts.country = query.country
        return Promise.resolve({ items: searchPlaces(query.q, opts) })
      },
    }),
  ]
}
