/** @module loadConfig: the queue policy keys, their defaults, and one error listing every bad value. */
import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.js'
import { DomainError } from './domain/errors.js'

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
