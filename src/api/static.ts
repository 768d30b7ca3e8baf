/** @module Serves the built web app (web/dist) at /, falling back to index.html for client-side routes. */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'
import type { ApiEnv } from './route.js'

/** True when `root` holds a built web app. */
export function hasWebApp(root: string): boolean {
  return existsSync(join(root, 'index.html'))
}

/**
 * Mounts static files from `root` and, for any other GET outside /api, the app's index.html so client-side
 * routes survive a reload. serveStatic refuses paths escaping `root` (`..`, encoded slashes).
 */
export function serveWebApp(app: Hono<ApiEnv>, root: string): void {
  const abs = resolve(root)
  const index = readFileSync(join(abs, 'index.html'), 'utf8')
  app.use('/assets/*', async (c, next) => {
    await next()
    // Vite fingerprints asset names, so they may be cached for good.
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  app.use('*', serveStatic({ root: abs }))
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound()
    c.header('Cache-Control', 'no-cache')
    return c.html(index)
  })
}
