/** @module The WAL checkpointer thread: it copies committed pages into the database file and stops cleanly. */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, it } from 'vitest'
import { WalCheckpointer } from './wal-checkpointer.js'

const dir = mkdtempSync(join(tmpdir(), 'reckon-checkpointer-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 10))
}

it('copies committed WAL pages into the database file on its own thread, and stops once asked', async () => {
  const path = join(dir, 'a.db')
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  // The writer never checkpoints by itself here, so only the thread can have grown the file.
  db.pragma('wal_autocheckpoint = 0')
  db.exec('CREATE TABLE t (x BLOB)')
  const insert = db.prepare('INSERT INTO t (x) VALUES (randomblob(1000))')
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run()
  })()
  const before = statSync(path).size
  const c = new WalCheckpointer(path)
  c.request()
  c.request() // asked while the first runs: one more follows it
  await until(() => c.completed >= 2)
  expect(statSync(path).size).toBeGreaterThan(before + 2000 * 1000)
  await c.close()
  db.close()
  expect(existsSync(`${path}-wal`)).toBe(false)
})

it('leaves checkpoints to the writer when the file cannot be opened', async () => {
  const c = new WalCheckpointer(join(dir, 'missing', 'b.db'))
  c.request()
  c.request()
  await c.close()
  expect(c.completed).toBe(0)
})
