// Temporary profiling helper (not committed): seeds /tmp/api.db once, then times requests per kind sequentially.
import { existsSync } from 'node:fs'
import { spawn } from 'node:child_process'
const { openStore } = await import('../dist/storage/open-store.js')
const { seed } = await import('./api-data.mjs')
const { generator, incidentRequests, totalsRequests } = await import('./api-requests.mjs')
const path = '/tmp/api.db'
if (!existsSync(path)) { const s = await openStore({ kind: 'sqlite', path }); await seed(s, 100000); await s.close() }
const port = 18555
const srv = spawn('node', [...(process.argv[2] === 'prof' ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof-api'] : []), 'dist/cli/main.js', 'serve', '--port', String(port)], { env: { ...process.env, DATABASE_URL: path, RECKON_READ_CACHE_MS: '0', RECKON_RATE_LIMIT: '0' }, stdio: 'inherit' })
await new Promise((r) => setTimeout(r, 1500))
const g = generator(7)
const inc = incidentRequests(g)
const stats = {}
for (let i = 0; i < 600; i++) {
  const u = inc()
  const t = performance.now()
  const r = await fetch(`http://127.0.0.1:${port}${u}`)
  const body = await r.text()
  const ms = performance.now() - t
  const lim = /limit=(\d+)/.exec(u)[1]
  ;(stats[lim] ??= []).push(ms)
}
for (const [k, v] of Object.entries(stats)) { v.sort((a, b) => a - b); console.log('limit', k, 'n', v.length, 'p50', v[v.length >> 1].toFixed(1), 'p90', v[Math.floor(v.length * 0.9)].toFixed(1), 'max', v[v.length - 1].toFixed(1), 'avg', (v.reduce((a, b) => a + b, 0) / v.length).toFixed(1)) }
srv.kill('SIGINT')
await new Promise((r) => srv.on('exit', r))
