/**
 * @module Sign-in that lasts, in real headless Chromium against a real `reckon serve`: a reload and a second tab stay
 * signed in, the token is never kept by the page, a form on another site (cross-site or same-site on another port)
 * cannot write with the cookie, and signing out ends the session on the server. Screenshots go to
 * test-output/screenshots-session/.
 */
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeContext, haveChromium, launch, screenshotFolder, seriousViolations } from './browser.js'
import { serveMissing, startServer, type RunningServer } from './server.js'

const noServe = haveChromium ? serveMissing() : null

/** A page that, once loaded, posts a multipart form (a report to store) to the Reckon server: the forgery tried. */
const forgeryPage = (target: string): string => `<!doctype html><html lang="en"><title>Win a prize</title><body>
<form id="f" method="POST" action="${target}/api/sources" enctype="multipart/form-data">
<input name="text" value="Forged report: a drone strike killed 99 people in Miranshah."><input name="publisher" value="Forgery">
</form><script>document.getElementById('f').submit()</script></body></html>`

describe.skipIf(!haveChromium || noServe !== null)('sign-in that lasts (headless Chromium)', () => {
  let server: RunningServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let sameSite: Server
  let sameSiteUrl = ''
  let SHOTS = ''

  beforeAll(async () => {
    server = await startServer()
    SHOTS = screenshotFolder('session')
    browser = await launch()
    context = await axeContext(browser, { viewport: { width: 1280, height: 800 } })
    page = await context.newPage()
    // Same host, another port: the same "site" to SameSite, so the cookie goes along and only the second lock holds.
    sameSite = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(forgeryPage(server.url))
    })
    await new Promise<void>((resolve) => sameSite.listen(0, '127.0.0.1', resolve))
    const addr = sameSite.address()
    sameSiteUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => sameSite?.close(resolve))
    await server?.stop()
  })

  const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  const who = (p: Page) => p.locator('header .who')
  const sources = async (): Promise<number> => ((await (await fetch(`${server.url}/api/sources?limit=1`)).json()) as { total: number }).total

  it('stays signed in across a reload and a second tab, with the token kept nowhere in the page', async () => {
    await page.goto(`${server.url}/signin`)
    await page.getByLabel('API token').fill(server.token)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL('**/review')
    await expect(who(page).innerText()).resolves.toContain('editor')
    expect(await seriousViolations(page)).toEqual([])
    await page.reload()
    await who(page).getByRole('button', { name: 'Sign out' }).waitFor()
    await expect(who(page).innerText()).resolves.toContain('e2e-editor')
    const second = await context.newPage()
    await second.goto(`${server.url}/incidents`)
    await who(second).getByRole('button', { name: 'Sign out' }).waitFor()
    await shot(second, '01-second-tab-signed-in')
    // The secret is in an HttpOnly cookie only: no storage or script-visible cookie holds the token or the session.
    const visible = await page.evaluate('JSON.stringify([document.cookie, {...localStorage}, {...sessionStorage}])')
    expect(visible).not.toContain(server.token)
    expect(visible).not.toContain('rks_')
    const cookies = await context.cookies(`${server.url}/api/session`)
    expect(cookies.find((c) => c.name === 'reckon_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api' })
    // A write from the signed-in page works (the app sends its anti-forgery header).
    const before = await sources()
    await page.goto(`${server.url}/review`)
    await page.getByLabel('Text of the report').fill('A drone strike near Mir Ali killed three people on Monday, residents said.')
    await page.getByRole('button', { name: 'Extract claims' }).click()
    await page.waitForURL('**/review?source=*')
    expect(await sources()).toBe(before + 1)
    await second.close()
  })

  it('refuses a form posted from another site, and from another port of this host, storing nothing', async () => {
    const before = await sources()
    // Cross-site: the browser leaves the SameSite=Strict cookie out, so the server sees nobody.
    await context.route('http://forger.example/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: forgeryPage(server.url) }))
    const forger = await context.newPage()
    const crossSite = forger.waitForResponse((r) => r.url().endsWith('/api/sources') && r.request().method() === 'POST')
    await forger.goto('http://forger.example/prize')
    expect((await crossSite).status()).toBe(401)
    await shot(forger, '02-cross-site-form-refused')
    // Same site, another port: the cookie goes along, but the write has no anti-forgery header and a foreign Origin.
    const sameSiteDone = forger.waitForResponse((r) => r.url().endsWith('/api/sources') && r.request().method() === 'POST')
    await forger.goto(`${sameSiteUrl}/prize`)
    const refused = await sameSiteDone
    expect(refused.status()).toBe(403)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden')
    expect(await sources()).toBe(before)
    await forger.close()
  })

  it('signs out everywhere: the cookie is dead on the server, and a reload and another tab show signed out', async () => {
    const cookie = (await context.cookies(`${server.url}/api/session`)).find((c) => c.name === 'reckon_session')!
    const other = await context.newPage()
    await other.goto(`${server.url}/incidents`)
    await who(other).getByRole('button', { name: 'Sign out' }).waitFor()
    await page.goto(`${server.url}/incidents`)
    await who(page).getByRole('button', { name: 'Sign out' }).click()
    await who(page).getByRole('link', { name: 'Sign in' }).waitFor()
    // The other tab hears of it without a reload.
    await who(other).getByRole('link', { name: 'Sign in' }).waitFor()
    await page.reload()
    await page.locator('h1').first().waitFor()
    await expect(who(page).getByRole('link', { name: 'Sign in' }).count()).resolves.toBe(1)
    await shot(page, '03-signed-out')
    // A copy of the cookie taken before signing out no longer opens anything.
    const replay = await fetch(`${server.url}/api/session`, { headers: { cookie: `reckon_session=${cookie.value}` } })
    expect(await replay.json()).toEqual({ session: null })
    await other.close()
  })
})
