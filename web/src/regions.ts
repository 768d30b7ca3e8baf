/** @module First-level region boundaries for the map: fetched per country on demand, and the region a place names. */
import { feature, mesh } from 'topojson-client'
import type { Feature, FeatureCollection, Geometry, MultiLineString } from 'geojson'
import type { GeometryCollection, Topology } from 'topojson-specification'
import type { Place } from '../../src/api/wire-types.js'
import { regionKey } from './region-key.js'

/** What each region carries (see web/build/region-boundaries.ts). */
export interface RegionProps {
  readonly name: string
  readonly iso: string | null
  readonly keys: readonly string[]
}

/** One country's regions: their shapes, and the borders between them as one line (drawn once, not twice per border). */
export interface CountryRegions {
  readonly country: string
  readonly regions: FeatureCollection<Geometry, RegionProps>['features']
  readonly borders: MultiLineString
}

type RegionTopology = Topology<{ regions: GeometryCollection<RegionProps> }>

/** Turns a country's region topology into shapes and interior borders. */
export function countryRegions(country: string, topo: RegionTopology): CountryRegions {
  const regions = (feature(topo, topo.objects.regions) as FeatureCollection<Geometry, RegionProps>).features
  const borders = mesh(topo, topo.objects.regions, (a, b) => a !== b)
  return { country, regions, borders }
}

const cache = new Map<string, Promise<CountryRegions | null>>()

/**
 * Fetches one country's regions once per page load; null when none ship for it. The file is a static asset beside the
 * app, never part of the bundle. A server may answer a missing file with the app's HTML, so anything but JSON is none.
 */
export function loadRegions(country: string): Promise<CountryRegions | null> {
  let p = cache.get(country)
  if (!p) {
    p = fetch(`/geo/regions/${encodeURIComponent(country)}.json`).then(async (r) => {
      if (r.status === 404 || !(r.headers.get('content-type') ?? '').includes('json')) return null
      if (!r.ok) throw new Error(`Could not load the region boundaries of ${country} (${r.status})`)
      return countryRegions(country, (await r.json()) as RegionTopology)
    })
    p.catch(() => cache.delete(country))
    cache.set(country, p)
  }
  return p
}

/**
 * The shipped region a place known only to a region stands for: matched by its region name (admin1, else its name)
 * within its country. Null for any other precision, or when no shipped region goes by that name (a domain region such
 * as North Waziristan lies inside a first-level one and is drawn as an area of stated size instead).
 */
export function regionOf(place: Place | null | undefined, shipped: ReadonlyMap<string, CountryRegions>): Feature<Geometry, RegionProps>[] | null {
  if (!place || place.precision !== 'region' || !place.country) return null
  const country = shipped.get(place.country)
  if (!country) return null
  for (const name of [place.admin1, place.name]) {
    if (!name) continue
    const key = regionKey(name)
    const hits = country.regions.filter((r) => r.properties.keys.includes(key))
    if (!hits.length) continue
    // A region may come in several pieces; a piece under the region's old name that the build could not tie to
    // the region (Uruzgan before Daykundi was cut from it) is not the region today.
    const iso = hits.find((r) => r.properties.iso !== null)?.properties.iso
    return iso ? hits.filter((r) => r.properties.iso === iso) : hits
  }
  return null
}
