/**
 * @module The open-loop HTTP load of the API benchmarks, and `reckon serve` started for them: requests go out at
 * their scheduled times whatever the server does, and latency runs from each request's scheduled send time, so a
 * stalled server cannot hide its queueing delay by slowing the generator down (no coordinated omission).
 */
import { spawn } from 'node:child_process'
import http from 'node:http'

const CLI = new URL('../dist/cli/main.js', import.meta.url).pathname

/** Latency stats in ms of a sorted list of latencies. */
function stats(lat, seconds, errors) {
  lat.sort((a, b) => a - b)
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN
  return { count: lat.length, rps: lat.length / seconds, p50: q(0.5), p99: q(0.99), max: lat[lat.length - 1] ?? NaN, errors }
}

/**
 * Sends `requests` at `rate` per second to `base`, open loop. A request is a path (a GET) or
 * `{ method, path, headers, body, kind }`. Resolves to the stats of all of them and, under `byKind`, of each kind
 * ('read' for paths). What is still unanswered 15 s after the last send counts as an error.
 */
export async function load(base, requests, rate) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const all = []
  const byKind = new Map()
  let errors = 0
  let failed = 0
  const errorsOf = new Map()
  const start = performance.now() + 50
  const one = (r, scheduled) =>
    new Promise((resolve) => {
      const { method = 'GET', path, headers = {}, body, kind = 'read' } = typeof r === 'string' ? { path: r } : r
      const req = http.request(base + path, { method, headers, agent }, (res) => {
        res.resume()
        res.on('end', () => {
          if (res.statusCode >= 300) {
            errors++
            errorsOf.set(kind, (errorsOf.get(kind) ?? 0) + 1)
          }
          const ms = performance.now() - scheduled
          all.push(ms)
          if (!byKind.has(kind)) byKind.set(kind, [])
          byKind.get(kind).push(ms)
          resolve()
        })
      })
      req.on('error', () => {
        failed++
        resolve()
      })
      req.end(body)
    })
  const pending = []
  const deadline = start + (requests.length / rate) * 1000 + 15_000
  for (let i = 0; i < requests.length && performance.now() < deadline; i++) {
    const scheduled = start + (i * 1000) / rate
    const wait = scheduled - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    pending.push(one(requests[i], scheduled))
  }
  const timeout = new Promise((r) => setTimeout(r, Math.max(0, deadline - performance.now())))
  await Promise.race([Promise.all(pending), timeout])
  const elapsed = (performance.now() - start) / 1000
  errors += failed + Math.max(0, requests.length - all.length - failed)
  agent.destroy()
  const kinds = Object.fromEntries([...byKind].map(([k, lat]) => [k, stats(lat, elapsed, errorsOf.get(k) ?? 0)]))
  return { ...stats(all, elapsed, errors), byKind: kinds }
}

/**
 * Starts `reckon serve` (the built CLI) on a free port with `env` and `args` (no web app unless `args` leaves out
 * `--no-web`); resolves to its URL, its output so far and a stop function.
 */
export async function serve(env, args = ['--no-web']) {
  const child = spawn(process.execPath, [CLI, 'serve', ...args, '--port', '0', '--host', '127.0.0.1'], {
    env: { PATH: process.env.PATH, RECKON_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reckon serve did not start:\n${out}`)), 60_000)
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.once('exit', (code) => reject(new Error(`reckon serve exited with ${code}:\n${out}`)))
  })
  return {
    base,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      // A server whose event loop is held (a re-check on the serving thread) cannot even take the signal: after 30 s
      // it is killed, so one stalled configuration does not hold up the rest of the run.
      const kill = setTimeout(() => child.kill('SIGKILL'), 30_000)
      await exited
      clearTimeout(kill)
    },
  }
}

/** Waits until the server answers /api/me within 20 ms: a load it fell behind on must not spill into the next one. */
export async function drain(base) {
  const until = performance.now() + 60_000
  while (performance.now() < until) {
    const t = performance.now()
    // A server still stalled gets another try, not a crashed benchmark.
    const ok = await fetch(`${base}/api/me`, { signal: AbortSignal.timeout(30_000) }).then((r) => r.arrayBuffer().then(() => true), () => false)
    if (ok && performance.now() - t < 20) return
    await new Promise((r) => setTimeout(r, 200))
  }
}
