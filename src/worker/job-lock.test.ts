/** @module Job locks on a real PostgreSQL: a second holder of the same key waits until the first is done. */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { withJobLock } from './job-lock.js'

const url = process.env.TEST_DATABASE_URL

if (url !== undefined && url !== '') {
  describe('withJobLock', () => {
    it('runs two holders of one key one after the other, and other keys alongside', async () => {
      const key = `test-${randomBytes(6).toString('hex')}`
      const events: string[] = []
      let release = (): void => undefined
      const gate = new Promise<void>((r) => (release = r))
      let started = (): void => undefined
      const aStarted = new Promise<void>((r) => (started = r))
      const a = withJobLock(url, key, async () => {
        events.push('a start')
        started()
        await gate
        events.push('a end')
      })
      await aStarted
      const b = withJobLock(url, key, () => Promise.resolve(void events.push('b ran')))
      // Another key is not held up by the first.
      await withJobLock(url, `${key}-other`, () => Promise.resolve(void events.push('other ran')))
      const db = new pg.Client({ connectionString: url })
      await db.connect()
      try {
        // b is queued on the lock inside PostgreSQL: that is the waiting, seen without any timer.
        for (;;) {
          const r = await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
            [key],
          )
          if (Number(r.rows[0]!.n) >= 1) break
          await new Promise((r) => setTimeout(r, 20))
        }
      } finally {
        await db.end()
      }
      expect(events).toEqual(['a start', 'other ran'])
      release()
      await Promise.all([a, b])
      expect(events).toEqual(['a start', 'other ran', 'a end', 'b ran'])
    })
  })
} else {
  describe('withJobLock', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set; .ci/run sets it', () => {})
  })
}
