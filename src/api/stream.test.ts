/** @module Streamed export bodies: whole when every part comes in time, aborted (never cut short silently) when one stalls. */
import { Hono } from 'hono'
import { describe, expect, it, vi } from 'vitest'
import { hasCode } from '../domain/errors.js'
import { startServer } from './server.js'
import { streamOf } from './stream.js'

/** Parts that come at once, then (when `stall` is given) a part that waits for it; records whether it was stopped. */
function parts(stall?: Promise<void>): { chunks: AsyncGenerator<string>; state: { stopped: boolean; after: boolean } } {
  const state = { stopped: false, after: false }
  async function* chunks(): AsyncGenerator<string> {
    try {
      yield 'id,name\n'
      yield '1,a\n'
      if (stall) {
        await stall
        yield '2,b\n'
        state.after = true
      }
    } finally {
      state.stopped = true
    }
  }
  return { chunks: chunks(), state }
}

describe('streamOf', () => {
  it('streams every part and names the attachment', async () => {
    const { chunks, state } = parts()
    const res = streamOf(chunks, 'text/csv; charset=utf-8', 'x.csv', 1000)
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="x.csv"')
    expect(await res.text()).toBe('id,name\n1,a\n')
    expect(state.stopped).toBe(true)
  })

  it('aborts the body with a timeout when a part stalls, and stops the parts once the stall ends', async () => {
    let unstall!: () => void
    const { chunks, state } = parts(new Promise((r) => (unstall = r)))
    const res = streamOf(chunks, 'text/csv', 'x.csv', 100)
    const err = await res.text().catch((e: unknown) => e)
    expect(hasCode(err, 'timeout')).toBe(true)
    unstall()
    for (let i = 0; i < 100 && !state.stopped; i++) await new Promise((r) => setImmediate(r))
    expect(state).toEqual({ stopped: true, after: false })
  })

  it('ends the response over a socket without its last chunk, so a client cannot take a stalled export for a whole one', async () => {
    const stall = new Promise<void>(() => {})
    const app = new Hono()
    app.get('/x.csv', () => streamOf(parts(stall).chunks, 'text/csv', 'x.csv', 100))
    const server = await startServer(app as never, '127.0.0.1', 0)
    // @hono/node-server reports the aborted body on the console; keep it out of the test output.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const res = await fetch(`${server.url}/x.csv`)
      expect(res.status).toBe(200)
      const reader = res.body!.getReader()
      let received = ''
      const failed = await (async () => {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) return false
          received += new TextDecoder().decode(value as Uint8Array)
        }
      })().catch(() => true)
      expect({ failed, received }).toEqual({ failed: true, received: 'id,name\n1,a\n' })
    } finally {
      logged.mockRestore()
      await server.close()
    }
  })
})
