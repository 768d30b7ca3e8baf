/** @module Loads every incident matching a filter, page by page, for the map and the timeline. */
import type { Incident } from '../../src/domain/index.js'
import { api, type IncidentFilter } from './api.js'

/** The most incidents one view draws; beyond it the view says it is partial. */
export const VIEW_CAP = 5000

/** Every incident matching `filter` (up to VIEW_CAP), and the total. */
export async function allIncidents(filter: IncidentFilter): Promise<{ items: Incident[]; total: number }> {
  const items: Incident[] = []
  let total = 0
  for (let offset = 0; offset < VIEW_CAP; ) {
    const p = await api.incidents({ ...filter, limit: 500, offset, sort: 'date' })
    total = p.total
    items.push(...p.items)
    if (p.items.length === 0 || items.length >= p.total) break
    offset += p.items.length
  }
  return { items, total }
}
