/**
 * @module `reckon serve` with several workers (node:cluster) from the built CLI on a SQLite file: the workers share one
 * port, each answers, a write through one is read through the others, and stopping the parent stops them all.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../src/storage/open-store.js'
import { spawnServe } from './helpers/serve-process.js'

const root = mkdtempSync(join(tmpdir(), 'reckon-workers-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Process ids whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number)
  } catch {
    return []
  }
}

describe('reckon serve --workers', () => {
  it('answers through two worker processes on one port, shares the store between them, and stops them all', async () => {
    const path = join(root, 'w.db')
    const store = await openStore({ kind: 'sqlite', path })
    const token = (await store.tokens.create('workers', 'editor', { actor: 'test' })).token
    await store.close()
    const server = await spawnServe({ DATABASE_URL: path, RECKON_SERVE_WORKERS: '2', RECKON_READ_CACHE_MS: '0' })
    const workers = childrenOf(server.pid)
    try {
      expect(workers).toHaveLength(2)
      expect(server.output()).toMatch(/2 workers listening on http:\/\/127\.0\.0\.1:\d+/)
      const text = 'A drone strike in Datta Khel on 5 March 2012 killed three people, officials said.'
      const posted = await fetch(`${server.url}/api/sources`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text, published: '2012-03-06', kind: 'news' }),
      })
      expect(posted.status).toBe(201)
      // Whichever worker each request reaches, every one sees the committed write (cache off).
      for (let i = 0; i < 20; i++) {
        const page = (await (await fetch(`${server.url}/api/sources?limit=5`)).json()) as { total: number }
        expect(page.total).toBe(1)
      }
    } finally {
      await server.stop()
    }
    expect(workers.filter((pid) => childrenOf(server.pid).includes(pid) || isAlive(pid))).toEqual([])
  }, 60_000)
})

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
