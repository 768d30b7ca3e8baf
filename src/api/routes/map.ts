/** @module The map's data: every incident matching the filters, aggregated on the server for a zoom level and box. */
import { mapView } from '../../app/map-view.js'
import { route, type AnyRoute } from '../route.js'
import { MapQuery, MapResponse } from '../schemas.js'
import { incidentFilter, type RouteContext } from './context.js'

/** Map routes. */
export function mapRoutes({ store }: RouteContext): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/map',
      operationId: 'map',
      summary:
        'Every incident matching the filters, for a map at `zoom` (0–12) within `bbox`: those placed to a point, village or district clustered in a grid (cells of 30°/2^zoom), those known only to a region grouped by region, those known only to a country grouped by country; groups of up to 8 list their incidents. Answers may be reused for a few seconds.',
      tags: ['incidents'],
      access: 'read',
      query: MapQuery,
      response: MapResponse,
      cached: true,
      handler: async ({ query }) => mapView(store, incidentFilter(query), { zoom: query.zoom, ...(query.bbox ? { bbox: query.bbox } : {}) }),
    }),
  ]
}
