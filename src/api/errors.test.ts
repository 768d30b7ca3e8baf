import { describe, expect, it } from 'vitest'
import { DomainError, InvalidValue } from '../domain/errors.js'
import { toHttpError } from './errors.js'

describe('toHttpError', () => {
  it('maps domain codes and names the field', () => {
    expect(toHttpError(new InvalidValue('body.min', 'must not be negative'))).toEqual({
      status: 400,
      body: { error: { code: 'invalid_value', message: 'body.min: must not be negative', field: 'body.min' } },
      unexpected: false,
    })
    expect(toHttpError(new DomainError('forbidden', 'no')).status).toBe(403)
    expect(toHttpError(new DomainError('unauthenticated', 'no')).status).toBe(401)
    expect(toHttpError(new DomainError('database_unavailable', 'no')).status).toBe(503)
    expect(toHttpError(new DomainError('storage_full', 'no')).status).toBe(507)
  })

  it('hides unknown errors behind internal_error with no stack or driver text', () => {
    const h = toHttpError(new Error('password authentication failed for user "reckon" at /srv/app.js:12'))
    expect(h.status).toBe(500)
    expect(JSON.stringify(h.body)).toBe('{"error":{"code":"internal_error","message":"internal error"}}')
    expect(h.unexpected).toBe(true)
  })
})
