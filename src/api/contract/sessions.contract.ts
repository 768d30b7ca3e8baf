/** @module The API suite, browser sessions: a token exchanged for a cookie, anti-forgery on writes, sign-out on the server. */
import { describe, expect, it } from 'vitest'
import type { ApiHarness } from './api-harness.js'

/** Registers the suite's tests of browser sessions. */
export function sessionsContract(h: ApiHarness): void {
  const { call, article, tokens } = h
  describe('browser sessions', () => {
    const cookieOf = (res: { headers: Headers }): string => {
      const set = res.headers.get('set-cookie') ?? ''
      const m = /reckon_session=([^;]*)/.exec(set)
      return m ? m[1]! : ''
    }
    const signIn = async (role: keyof typeof tokens) => {
      const res = await call('POST', '/api/session', { json: { token: tokens[role] }, headers: { origin: 'http://localhost' } })
      expect(res.status).toBe(201)
      return { cookie: `reckon_session=${cookieOf(res)}`, csrf: res.json.csrf as string, res }
    }

    it('exchanges a token for an HttpOnly, SameSite=Strict cookie that stands for it on reads and writes, never holding the token', async () => {
      const { cookie, csrf, res } = await signIn('editor')
      const set = res.headers.get('set-cookie')!
      expect(set).toMatch(/HttpOnly/i)
      expect(set).toMatch(/SameSite=Strict/i)
      expect(set).toMatch(/Path=\/api/i)
      expect(set).not.toContain(tokens.editor)
      expect(res.json).toMatchObject({ name: 'editor-alice', role: 'editor', csrf: expect.any(String) })
      // Another tab (or a reload) asks who it is with the cookie alone.
      const state = await call('GET', '/api/session', { headers: { cookie } })
      expect(state.json.session).toMatchObject({ name: 'editor-alice', role: 'editor', csrf })
      expect((await call('GET', '/api/me', { headers: { cookie } })).json).toMatchObject({ authenticated: true, role: 'editor' })
      const posted = await call('POST', '/api/sources', { json: article(4), headers: { cookie, 'x-csrf-token': csrf, origin: 'http://localhost' } })
      expect(posted.status).toBe(201)
      const revs = await h.store.revisions.list({ entityType: 'source', entityId: posted.json.source.id })
      expect(revs.items[0]!.actor).toBe('editor-alice')
    })

    it('refuses a write with the cookie but without the anti-forgery header, or from another site, storing nothing', async () => {
      const { cookie, csrf } = await signIn('editor')
      const before = await h.store.sources.count()
      const noHeader = await call('POST', '/api/sources', { json: article(5), headers: { cookie } })
      expect(noHeader.status).toBe(403)
      expect(noHeader.json.error.code).toBe('forbidden')
      const wrong = await call('POST', '/api/sources', { json: article(5), headers: { cookie, 'x-csrf-token': csrf + 'x' } })
      expect(wrong.status).toBe(403)
      const crossSite = await call('POST', '/api/sources', { json: article(5), headers: { cookie, 'x-csrf-token': csrf, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })
      expect(crossSite.status).toBe(403)
      const crossOrigin = await call('POST', '/api/sources', { json: article(5), headers: { cookie, 'x-csrf-token': csrf, origin: 'https://evil.example' } })
      expect(crossOrigin.status).toBe(403)
      expect(await h.store.sources.count()).toBe(before)
      // Reads need no header: a link followed from anywhere still reads as the signed-in user.
      expect((await call('GET', '/api/me', { headers: { cookie, 'sec-fetch-site': 'same-origin' } })).json.role).toBe('editor')
      // A bearer client is unaffected by the cookie rules.
      expect((await call('POST', '/api/sources', { token: 'editor', json: article(5), headers: { origin: 'https://elsewhere.example' } })).status).toBe(201)
    })

    it('refuses a sign-in with an unknown token or from another site, and keeps a viewer a viewer', async () => {
      expect((await call('POST', '/api/session', { json: { token: 'rk_not-a-token' } })).status).toBe(401)
      const forged = await call('POST', '/api/session', { json: { token: tokens.editor }, headers: { origin: 'https://evil.example' } })
      expect(forged.status).toBe(403)
      expect(forged.headers.get('set-cookie')).toBeNull()
      const { cookie, csrf } = await signIn('viewer')
      expect((await call('POST', '/api/sources', { json: article(6), headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(403)
    })

    it('signs out on the server: the same cookie no longer works anywhere, and a revoked token ends its sessions', async () => {
      const { cookie, csrf } = await signIn('editor')
      expect((await call('DELETE', '/api/session', { headers: { cookie } })).status).toBe(403)
      const out = await call('DELETE', '/api/session', { headers: { cookie, 'x-csrf-token': csrf } })
      expect(out.status).toBe(200)
      expect(out.json).toEqual({ ended: true })
      expect(out.headers.get('set-cookie')).toMatch(/reckon_session=;.*Max-Age=0/i)
      // A copy of the cookie kept elsewhere (another tab, a stolen copy) is dead too.
      expect((await call('GET', '/api/session', { headers: { cookie } })).json).toEqual({ session: null })
      expect((await call('GET', '/api/me', { headers: { cookie } })).json.authenticated).toBe(false)
      expect((await call('POST', '/api/sources', { json: article(8), headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(401)
      const { record, token } = await h.store.tokens.create('short-lived', 'editor', { actor: 'test' })
      const res = await call('POST', '/api/session', { json: { token } })
      const live = `reckon_session=${cookieOf(res)}`
      expect((await call('GET', '/api/session', { headers: { cookie: live } })).json.session.name).toBe('short-lived')
      await h.store.tokens.revoke(record.id, { actor: 'test' })
      expect((await call('GET', '/api/session', { headers: { cookie: live } })).json).toEqual({ session: null })
    })
  })
}
