/** @module Vite build of the web app: Preact JSX, the country boundaries emitted as a static asset fetched at runtime. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { defineConfig, type Plugin } from 'vite'
import { iso31661NumericToAlpha2 } from 'iso-3166'

const require = createRequire(import.meta.url)
/** URL path of the boundaries; the map fetches it, so it never weighs on the JavaScript budget. */
const GEO_PATH = 'geo/countries-50m.json'

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
  const source = (): string => (cached ??= countries())
  return {
    name: 'reckon-geo-asset',
    configureServer(server) {
      server.middlewares.use(`/${GEO_PATH}`, (_req, res) => {
        res.setHeader('content-type', 'application/json')
        res.end(source())
      })
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: GEO_PATH, source: source() })
    },
  }
}

export default defineConfig({
  plugins: [geoAsset()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
