/**
 * @module `reckon token create` and `reckon serve` run in-process on a temporary SQLite store: a token printed once
 * authenticates against the served API, and the built web app is served with an SPA fallback and safe headers.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test/helpers/run-cli.js'
import { run } from '../main.js'

const root = mkdtempSync(join(tmpdir(), 'reckon-serve-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const env = { DATABASE_URL: join(root, 'serve.db'), RECKON_RATE_LIMIT: '0' }

/** The CLI's streams in memory, over this test's store; stdin stays open, as `serve` runs until stopped. */
const capture = () => captureIo({ env, cwd: root, stdin: null })

async function until<T>(f: () => T | undefined): Promise<T> {
  for (;;) {
    const v = f()
    if (v !== undefined) return v
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('reckon token and reckon serve', () => {
  it('creates a token whose secret is printed once and works against the served API', async () => {
    const made = capture()
    expect(await run(['token', 'create', '--role', 'editor', '--name', 'desk-1'], made.io)).toBe(0)
    const secret = made.out().trim()
    expect(secret).not.toBe('')
    expect(made.err()).toContain('not shown again')
    const listed = capture()
    expect(await run(['token', 'list'], listed.io)).toBe(0)
    expect(listed.out()).toContain('desk-1')
    expect(listed.out()).not.toContain(secret)
    const bad = capture()
    expect(await run(['token', 'create', '--role', 'boss', '--name', 'x'], bad.io)).toBe(64)

    const web = join(root, 'web')
    mkdirSync(join(web, 'assets'), { recursive: true })
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Reckon</title><div id="app"></div>')
    writeFileSync(join(web, 'assets', 'app-1234.js'), 'console.log(1)')
    writeFileSync(join(root, 'secret.txt'), 'do not serve')

    const served = capture()
    const running = run(['serve', '--port', '0', '--web', web], served.io)
    const url = await until(() => /listening on (http:\/\/\S+)/.exec(served.out())?.[1])
    try {
      const me = (await (await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${secret}` } })).json()) as { role: string; name: string }
      expect(me).toMatchObject({ role: 'editor', name: 'desk-1' })
      const anon = await fetch(`${url}/api/sources`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"x"}' })
      expect(anon.status).toBe(401)
      const posted = await fetch(`${url}/api/sources`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: '{"text":"A report."}' })
      expect(posted.status).toBe(201)

      const home = await fetch(`${url}/`)
      expect(home.status).toBe(200)
      expect(await home.text()).toContain('<title>Reckon</title>')
      expect(home.headers.get('content-security-policy')).toContain("script-src 'self'")
      expect(home.headers.get('x-content-type-options')).toBe('nosniff')
      expect(home.headers.get('x-frame-options')).toBe('DENY')
      const deep = await fetch(`${url}/incidents/inc_123`)
      expect(await deep.text()).toContain('<div id="app">')
      const asset = await fetch(`${url}/assets/app-1234.js`)
      expect(asset.headers.get('content-type')).toContain('javascript')
      expect(asset.headers.get('cache-control')).toContain('immutable')
      for (const escape of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
        expect(await (await fetch(`${url}${escape}`)).text()).not.toContain('do not serve')
      }
      const apiMiss = await fetch(`${url}/api/nothing-here`)
      expect(apiMiss.status).toBe(404)
      expect(((await apiMiss.json()) as { error: { code: string } }).error.code).toBe('not_found')
    } finally {
      process.emit('SIGTERM')
    }
    expect(await running).toBe(0)
    expect(served.out()).toContain('stopped')
  })

  it('writes one JSON line per request with its request id under --log json, and none below RECKON_LOG_LEVEL', async () => {
    /** Serves, asks for /api/health once, stops, and returns the answer's request id and the JSON lines logged. */
    const serveOnce = async (extraEnv: Record<string, string>): Promise<{ id: string | null; lines: Record<string, unknown>[] }> => {
      const served = capture()
      const io = { ...served.io, env: { ...env, ...extraEnv } }
      const running = run(['serve', '--port', '0', '--no-web', '--log', 'json'], io)
      const url = await until(() => /listening on (http:\/\/\S+)/.exec(served.out())?.[1])
      let id: string | null = null
      try {
        id = (await fetch(`${url}/api/health`)).headers.get('x-request-id')
      } finally {
        process.emit('SIGTERM')
      }
      expect(await running).toBe(0)
      const lines = served.err().split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>)
      return { id, lines }
    }
    const info = await serveOnce({})
    const requests = info.lines.filter((l) => l.event === 'request')
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ level: 'info', requestId: info.id, method: 'GET', path: '/api/health', status: 200 })
    const quiet = await serveOnce({ RECKON_LOG_LEVEL: 'warn' })
    expect(quiet.id).not.toBeNull()
    expect(quiet.lines.filter((l) => l.event === 'request')).toEqual([])
  })
})
