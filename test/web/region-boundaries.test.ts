/** @module Tests for the shipped region boundaries: simplification, matching Natural Earth regions to the gazetteer, and the map's region lookup. */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Place } from '../../src/domain/index.js'
import { gazetteerIndex } from '../../src/gazetteer/index.js'
import { holds, insideOut, regionBoundaries, simplifyLine, type RegionTopology } from '../../web/build/region-boundaries.js'
import { countryRegions, regionOf, type CountryRegions } from '../../web/src/regions.js'
import { regionKey } from '../../web/src/region-key.js'

type Pos = [number, number]

const FOCUS = ['PK', 'AF', 'YE', 'SO', 'IQ', 'SY', 'LY']

describe('simplifyLine', () => {
  it('keeps both ends and drops points closer to the line than the tolerance', () => {
    const line: Pos[] = [[0, 0], [1, 0.001], [2, -0.001], [3, 0], [4, 2]]
    expect(simplifyLine(line, 0.01)).toEqual([[0, 0], [3, 0], [4, 2]])
    expect(simplifyLine(line, 0.0001)).toEqual(line)
    expect(simplifyLine([[0, 0], [1, 1]], 10)).toEqual([[0, 0], [1, 1]])
  })

  it('never moves the line further than the tolerance from a dropped point', () => {
    const line: Pos[] = Array.from({ length: 200 }, (_, i) => [i / 10, Math.sin(i / 7) * 0.3])
    const tol = 0.02
    const kept = simplifyLine(line, tol)
    expect(kept.length).toBeLessThan(line.length / 2)
    for (const p of line) {
      const d = Math.min(...kept.slice(1).map((b, k) => {
        const a = kept[k]!
        const [dx, dy] = [b[0]! - a[0]!, b[1]! - a[1]!]
        const t = Math.max(0, Math.min(1, ((p[0] - a[0]!) * dx + (p[1] - a[1]!) * dy) / (dx * dx + dy * dy)))
        return Math.hypot(a[0]! + t * dx - p[0], a[1]! + t * dy - p[1])
      }))
      expect(d).toBeLessThanOrEqual(tol + 1e-12)
    }
  })

  it('keeps a closed ring (an island) a polygon of at least four points', () => {
    const ring: Pos[] = [[0, 0], [0.001, 0], [0.001, 0.001], [0, 0.001], [0, 0]]
    const kept = simplifyLine(ring, 1)
    expect(kept.length).toBe(4)
    expect(kept[0]).toEqual(kept[3])
  })
})

describe('region boundaries built from Natural Earth admin-1', () => {
  let built: Map<string, RegionTopology>
  const shipped = new Map<string, CountryRegions>()
  beforeAll(() => {
    built = regionBoundaries({ countries: FOCUS })
    for (const [cc, topo] of built) shipped.set(cc, countryRegions(cc, topo))
  })

  it('ships every focus country as a small file', () => {
    expect([...built.keys()].sort()).toEqual([...FOCUS].sort())
    for (const [cc, topo] of built) expect(JSON.stringify(topo).length, cc).toBeLessThan(25_000)
  })

  it('ties nearly every region to the gazetteer, nearly always around the gazetteer point of its region', () => {
    const idx = gazetteerIndex()
    let pointed = 0
    let inside = 0
    for (const [cc, r] of shipped) {
      const named = r.regions.filter((f) => f.properties.iso !== null)
      expect(named.length / r.regions.length, cc).toBeGreaterThan(0.6)
      for (const f of named) {
        const e = idx.byId.get(f.properties.iso!)!
        expect(e.country, f.properties.iso!).toBe(cc)
        expect(insideOut(f as never), `${f.properties.iso!} winds inside out`).toBe(false)
        // Some gazetteer points are rough (Middle Juba's lies outside it): a name and code that agree still decide.
        if (e.lat === null) continue
        pointed++
        if (holds(f as never, e)) inside++
      }
    }
    expect(inside / pointed).toBeGreaterThan(0.95)
  })

  it("reads Natural Earth's old names as today's regions", () => {
    const pk = shipped.get('PK')!.regions.map((f) => f.properties)
    expect(pk.find((p) => p.iso === 'PK-KP')?.keys).toContain(regionKey('N.W.F.P.'))
    expect(pk.find((p) => p.iso === 'PK-GB')?.keys).toContain(regionKey('Northern Areas'))
    expect(shipped.get('AF')!.regions.find((f) => f.properties.iso === 'AF-HEL')?.properties.keys).toContain('hilmand')
  })

  it('finds the region a place known only to a region names, and nothing for other places', () => {
    const at = (p: Partial<Place>): Place => ({ name: null, admin1: null, admin2: null, country: null, lat: null, lon: null, precision: 'region', ...p })
    expect(regionOf(at({ name: 'Khyber Pakhtunkhwa', admin1: 'Khyber Pakhtunkhwa', country: 'PK' }), shipped)?.map((f) => f.properties.iso)).toEqual(['PK-KP'])
    expect(regionOf(at({ name: "Ma'rib", admin1: 'Marib', country: 'YE' }), shipped)?.map((f) => f.properties.iso)).toEqual(['YE-MA'])
    // Uruzgan's old piece (Daykundi today) is not Uruzgan.
    expect(regionOf(at({ admin1: 'Uruzgan', country: 'AF' }), shipped)?.map((f) => f.properties.iso)).toEqual(['AF-URU'])
    // A domain region inside a first-level one has no shipped shape of its own.
    expect(regionOf(at({ name: 'North Waziristan', admin1: 'North Waziristan', country: 'PK' }), shipped)).toBeNull()
    expect(regionOf(at({ name: 'Datta Khel', admin1: 'North Waziristan', country: 'PK', precision: 'locality' }), shipped)).toBeNull()
    expect(regionOf(at({ admin1: 'Shabwa', country: 'PK' }), shipped)).toBeNull()
  })

  it('draws the borders between regions once, as lines', () => {
    const pk = shipped.get('PK')!
    expect(pk.borders.type).toBe('MultiLineString')
    expect(pk.borders.coordinates.length).toBeGreaterThan(5)
  })
})
