import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rate-limit.js'

describe('RateLimiter', () => {
  it('allows a minute’s burst, then refills at the steady rate', () => {
    let t = 0
    const rl = new RateLimiter({ perMinute: 3, now: () => t })
    expect([1, 2, 3].map(() => rl.take('a').allowed)).toEqual([true, true, true])
    const refused = rl.take('a')
    expect(refused.allowed).toBe(false)
    expect(refused.retryAfter).toBe(20)
    expect(rl.take('b').allowed).toBe(true)
    t += 20_000
    expect(rl.take('a').allowed).toBe(true)
    expect(rl.take('a').allowed).toBe(false)
  })

  it('turns off at 0', () => {
    const rl = new RateLimiter({ perMinute: 0 })
    for (let i = 0; i < 100; i++) expect(rl.take('x').allowed).toBe(true)
  })

  it('forgets the idlest keys beyond maxKeys, keeping the busy one limited', () => {
    const t = 0
    const rl = new RateLimiter({ perMinute: 1, maxKeys: 3, now: () => t })
    rl.take('busy')
    for (let i = 0; i < 10; i++) rl.take(`k${i}`)
    expect(rl.take('busy').allowed).toBe(true) // evicted: forgetting is the price of a bounded map
    expect(rl.take('busy').allowed).toBe(false)
  })
})
