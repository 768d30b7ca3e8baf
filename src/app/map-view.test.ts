/** @module aggregateMap: every incident in exactly one group, clusters that split as the map zooms in, badges by country. */
import { describe, expect, it } from 'vitest'
import type { IncidentId } from '../domain/ids.js'
import type { Place } from '../domain/place.js'
import type { MapPoint } from '../storage/store.js'
import { aggregateMap, cellDegrees, LISTED_PER_GROUP } from './map-view.js'

let n = 0
const at = (lat: number, lon: number, precision: Place['precision'] = 'locality', killed: [number, number | null] | null = [1, 2]): MapPoint => ({
  id: `inc_${++n}` as IncidentId,
  place: { name: `p${n}`, admin1: null, country: 'PK', lat, lon, precision },
  killedLow: killed?.[0] ?? null,
  killedHigh: killed === null ? null : killed[1],
})
const countryOnly = (country: string): MapPoint => ({ id: `inc_${++n}` as IncidentId, place: { name: null, admin1: null, country, lat: 30, lon: 70, precision: 'country' }, killedLow: 3, killedHigh: 3 })
const region = (admin1: string): MapPoint => ({ id: `inc_${++n}` as IncidentId, place: { name: admin1, admin1, country: 'YE', lat: 14.7, lon: 46.5, precision: 'region' }, killedLow: 1, killedHigh: 1 })
const counted = (v: ReturnType<typeof aggregateMap>): number =>
  [...v.cells, ...v.regions, ...v.countries].reduce((s, g) => s + g.count, 0) + v.outside + v.unplaced

describe('aggregateMap', () => {
  const points = [
    at(33.0, 70.07),
    at(32.97, 70.28),
    at(32.95, 69.85, 'district', [2, null]),
    at(15.37, 44.19),
    countryOnly('PK'),
    countryOnly('PK'),
    region('Shabwa'),
    region('shabwa'),
    { id: 'inc_none' as IncidentId, place: null, killedLow: null, killedHigh: null },
  ]

  it('puts every incident in exactly one group at any zoom and window', () => {
    for (const zoom of [0, 3, 6, 12]) {
      for (const bbox of [undefined, [60, 25, 80, 40] as const]) {
        const v = aggregateMap(points, { zoom, ...(bbox ? { bbox } : {}) })
        expect(v.total).toBe(points.length)
        expect(counted(v)).toBe(points.length)
      }
    }
  })

  it('clusters near points at low zoom and separates them when zoomed in, summing killed (an open high stays open)', () => {
    const world = aggregateMap(points, { zoom: 0 })
    const pk = world.cells.find((c) => c.count === 3)!
    expect(pk).toMatchObject({ killedLow: 4, killedHigh: null, withFigures: 3, precision: 'district' })
    expect(pk.lat).toBeCloseTo((33.0 + 32.97 + 32.95) / 3)
    expect(pk.bounds).toEqual([69.85, 32.95, 70.28, 33.0])
    expect(pk.items.map((i) => i.id)).toHaveLength(3)
    const close = aggregateMap(points, { zoom: 10 })
    expect(close.cells.filter((c) => c.lat > 30).map((c) => c.count)).toEqual([1, 1, 1])
    expect(cellDegrees(10)).toBeLessThan(0.21)
  })

  it('draws country-level incidents as one badge per country and region-level ones per region, never as cells', () => {
    const v = aggregateMap(points, { zoom: 5 })
    expect(v.countries).toEqual([expect.objectContaining({ country: 'PK', name: 'Pakistan', count: 2, killedLow: 6, killedHigh: 6 })])
    expect(v.regions).toEqual([expect.objectContaining({ country: 'YE', region: 'Shabwa', count: 2 })])
    expect(v.cells.every((c) => c.precision !== 'country' && c.precision !== 'region')).toBe(true)
    expect(v.unplaced).toBe(1)
  })

  it('counts points outside the window without drawing them, and lists a group only while it is small', () => {
    const v = aggregateMap(points, { zoom: 4, bbox: [40, 10, 50, 20] })
    expect(v.cells.map((c) => c.count)).toEqual([1])
    expect(v.outside).toBe(3)
    expect(v.bounds).toEqual([44.19, 15.37, 70.28, 33.0])
    const many = Array.from({ length: LISTED_PER_GROUP + 1 }, () => at(10, 10))
    const crowded = aggregateMap(many, { zoom: 0 })
    expect(crowded.cells[0]).toMatchObject({ count: LISTED_PER_GROUP + 1, items: [] })
    expect(aggregateMap(many.slice(1), { zoom: 0 }).cells[0]!.items).toHaveLength(LISTED_PER_GROUP)
  })
})
