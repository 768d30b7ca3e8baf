import { describe, expect, it } from 'vitest'
import { coalesce } from './app-deps.js'

describe('coalesce', () => {
  it('runs once per burst, plus once more for writes during a run, never two at a time', async () => {
    let running = 0
    let most = 0
    let runs = 0
    let release!: () => void
    const schedule = coalesce(async () => {
      runs++
      most = Math.max(most, ++running)
      if (runs === 1) await new Promise<void>((r) => (release = r))
      running--
    }, () => {})
    schedule()
    schedule()
    await new Promise((r) => setImmediate(r))
    expect(runs).toBe(1)
    schedule() // a write during the run
    schedule()
    release()
    await new Promise((r) => setTimeout(r, 10))
    expect(runs).toBe(2)
    expect(most).toBe(1)
  })
})
