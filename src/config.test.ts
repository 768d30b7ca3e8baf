/** @module loadConfig: defaults, the read cache switch, and one error listing every bad setting. */
import { describe, expect, it } from 'vitest'
import { hasCode } from './domain/errors.js'
import { loadConfig } from './config.js'

describe('loadConfig', () => {
  it('reuses list and totals answers for 2 s by default, and RECKON_READ_CACHE_MS=0 turns that off', () => {
    expect(loadConfig({}).readCacheMs).toBe(2000)
    expect(loadConfig({ RECKON_READ_CACHE_MS: '0' }).readCacheMs).toBe(0)
    expect(loadConfig({ RECKON_READ_CACHE_MS: '250' }).readCacheMs).toBe(250)
  })

  it('refuses bad settings in one error naming each of them', () => {
    const err = (() => {
      try {
        return loadConfig({ RECKON_READ_CACHE_MS: '-1', RECKON_PORT: 'eighty' })
      } catch (e) {
        return e
      }
    })()
    expect(hasCode(err, 'config_invalid')).toBe(true)
    expect((err as Error).message).toContain('RECKON_READ_CACHE_MS')
    expect((err as Error).message).toContain('RECKON_PORT')
  })
})
