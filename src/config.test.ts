/** @module loadConfig: defaults, the read cache switch, the queue policy, and one error listing every bad setting. */
import { describe, expect, it } from 'vitest'
import { DomainError, hasCode } from './domain/errors.js'
import { loadConfig } from './config.js'

describe('loadConfig', () => {
  it('reuses list and totals answers for 2 s by default, and RECKON_READ_CACHE_MS=0 turns that off', () => {
    expect(loadConfig({}).readCacheMs).toBe(2000)
    expect(loadConfig({ RECKON_READ_CACHE_MS: '0' }).readCacheMs).toBe(0)
    expect(loadConfig({ RECKON_READ_CACHE_MS: '250' }).readCacheMs).toBe(250)
  })

  it('keeps the list snapshot on unless RECKON_LIST_INDEX turns it off', () => {
    expect(loadConfig({}).listIndex).toBe(true)
    expect(loadConfig({ RECKON_LIST_INDEX: 'off' }).listIndex).toBe(false)
    expect(loadConfig({ RECKON_LIST_INDEX: ' 0 ' }).listIndex).toBe(false)
    expect(loadConfig({ RECKON_LIST_INDEX: 'on' }).listIndex).toBe(true)
    expect(loadConfig({}).checkThread).toBe(true)
    expect(loadConfig({ RECKON_CHECK_THREAD: 'off' }).checkThread).toBe(false)
  })

  it('parses RECKON_PRIVATE and RECKON_DEBUG like every switch, refusing what is neither on nor off', () => {
    expect(loadConfig({}).privateReads).toBe(false)
    for (const on of ['1', 'on', 'true', 'YES']) expect(loadConfig({ RECKON_PRIVATE: on }).privateReads).toBe(true)
    expect(loadConfig({ RECKON_PRIVATE: 'off' }).privateReads).toBe(false)
    // Taking an unknown value as off would leave reads public without a word.
    expect(() => loadConfig({ RECKON_PRIVATE: 'enabled' })).toThrow(/RECKON_PRIVATE must be on or off \(got "enabled"\)/)
    expect(loadConfig({ RECKON_DEBUG: '1' }).debug).toBe(true)
    expect(loadConfig({}).debug).toBe(false)
    expect(() => loadConfig({ RECKON_DEBUG: 'verbose' })).toThrow(/RECKON_DEBUG/)
  })

  it('makes the default SQLite folder, and only the default', () => {
    expect(loadConfig({}).database).toEqual({ kind: 'sqlite', path: './data/reckon.db', createFolder: true })
    expect(loadConfig({ DATABASE_URL: '/srv/reckon/x.db' }).database).toEqual({ kind: 'sqlite', path: '/srv/reckon/x.db' })
    expect(loadConfig({ DATABASE_URL: 'sqlite:' }).database).toEqual({ kind: 'sqlite', path: './data/reckon.db', createFolder: true })
  })

  it('refuses bad settings in one error naming each of them', () => {
    const err = (() => {
      try {
        return loadConfig({ RECKON_READ_CACHE_MS: '-1', RECKON_PORT: 'eighty', RECKON_LIST_INDEX: 'sometimes' })
      } catch (e) {
        return e
      }
    })()
    expect(hasCode(err, 'config_invalid')).toBe(true)
    expect((err as Error).message).toContain('RECKON_READ_CACHE_MS')
    expect((err as Error).message).toContain('RECKON_PORT')
    expect((err as Error).message).toContain('RECKON_LIST_INDEX must be on or off (got "sometimes")')
  })
})

describe('loadConfig queue', () => {
  it('defaults to 15-minute expiry, 5 retries from 5 s, 20,000-row import parts', () => {
    expect(loadConfig({}).queue).toEqual({ expireInSeconds: 900, retryLimit: 5, retryDelaySeconds: 5, importPartRows: 20_000 })
  })

  it('reads each key from the environment', () => {
    const c = loadConfig({ RECKON_JOB_EXPIRE_SECONDS: '60', RECKON_JOB_RETRY_LIMIT: '2', RECKON_JOB_RETRY_DELAY: '1', RECKON_IMPORT_PART_ROWS: '500' })
    expect(c.queue).toEqual({ expireInSeconds: 60, retryLimit: 2, retryDelaySeconds: 1, importPartRows: 500 })
    expect(Object.isFrozen(c.queue)).toBe(true)
  })

  it('reports every bad queue value at once', () => {
    let err: unknown
    try {
      loadConfig({ RECKON_JOB_EXPIRE_SECONDS: '0', RECKON_IMPORT_PART_ROWS: 'many' })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(DomainError)
    expect((err as DomainError).code).toBe('config_invalid')
    expect((err as DomainError).message).toMatch(/RECKON_JOB_EXPIRE_SECONDS[\s\S]*RECKON_IMPORT_PART_ROWS/)
  })
})
