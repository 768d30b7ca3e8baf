/** @module Vite build of the web app: Preact JSX; country and region boundaries emitted as static assets fetched at runtime. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { defineConfig, type Plugin } from 'vite'
import { iso31661NumericToAlpha2 } from 'iso-3166'
import { regionBoundaries } from './build/region-boundaries.js'

const require = createRequire(import.meta.url)
/** URL path of the boundaries; the map fetches it, so it never weighs on the JavaScript budget. */
const GEO_PATH = 'geo/countries-50m.json'
/** Folder of the per-country region boundaries (`PK.json`); the map fetches only the countries it draws. */
const REGIONS_PATH = 'geo/regions'

/** Natural Earth countries (world-atlas, public domain) with each country's ISO alpha-2 code added, since places carry alpha-2. */
function countries(): string {
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as {
    objects: { countries: { geometries: { id?: string; properties?: Record<string, unknown> }[] } }
  }
  for (const g of topo.objects.countries.geometries) {
    const a2 = g.id === undefined ? undefined : iso31661NumericToAlpha2[g.id]
    g.properties = { ...g.properties, a2: a2 ?? null }
  }
  return JSON.stringify(topo)
}

/** Serves the boundaries in development and emits them beside the bundle in a build. */
function geoAsset(): Plugin {
  let cached: string | undefined
  let regions: Map<string, string> | undefined
  const source = (): string => (cached ??= countries())
  const regionFiles = (): Map<string, string> => (regions ??= new Map([...regionBoundaries()].map(([cc, topo]) => [cc, JSON.stringify(topo)])))
  return {
    name: 'reckon-geo-asset',
    configureServer(server) {
      server.middlewares.use(`/${GEO_PATH}`, (_req, res) => {
        res.setHeader('content-type', 'application/json')
        res.end(source())
      })
      server.middlewares.use(`/${REGIONS_PATH}/`, (req, res, next) => {
        const file = regionFiles().get(/^\/?([A-Z]{2})\.json$/.exec(req.url ?? '')?.[1] ?? '')
        if (file === undefined) return next()
        res.setHeader('content-type', 'application/json')
        res.end(file)
      })
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: GEO_PATH, source: source() })
      for (const [cc, file] of regionFiles()) this.emitFile({ type: 'asset', fileName: `${REGIONS_PATH}/${cc}.json`, source: file })
    },
  }
}

export default defineConfig({
  plugins: [geoAsset()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
