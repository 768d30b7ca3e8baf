/**
 * @module End-to-end test of named victims in real headless Chromium against a real Reckon server (temporary SQLite):
 * the victims a posted report names are listed on its incident for review with the quote naming them; an editor
 * accepts one, adds a victim by the form (a hostile name shown as text, never run), and sees it after a reload; at
 * phone width, by keyboard alone, corrects one and adds another.
 * Screenshots go to test-output/screenshots-victims/.
 */
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeContext, checkState, haveChromium, launch, screenshotFolder } from './browser.js'
import { asEditor, serveMissing, startServer, type RunningServer } from './server.js'

const noServe = haveChromium ? serveMissing() : null

// Our own report of a strike naming two of its dead.
const REPORT = 'A drone strike hit a house near Mir Ali, North Waziristan, on Sunday, officials said. Those killed were Zarina Bibi and Gul Rahman.'
// A name that would run script if it were ever put into the page as HTML.
const HOSTILE = 'Samira <img src=x onerror="window.__pwned=1"> Hadi'

describe.skipIf(!haveChromium || noServe !== null)('named victims on the incident page (headless Chromium)', () => {
  let server: RunningServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let incidentId = ''
  let SHOTS = ''

  beforeAll(async () => {
    server = await startServer()
    const posted = await asEditor(server, '/api/sources', { text: REPORT, published: '2014-02-11', publisher: 'Victims Wire', kind: 'news' })
    expect(posted.status).toBe(201)
    incidentId = ((await posted.json()) as { claims: { incidentId: string | null }[] }).claims.find((c) => c.incidentId !== null)!.incidentId!
    SHOTS = screenshotFolder('victims')
    browser = await launch()
    context = await axeContext(browser, { viewport: { width: 1280, height: 860 } })
    page = await context.newPage()
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await server?.stop()
  })

  const check = (name: string): Promise<void> => checkState(page, join(SHOTS, `${name}.png`))
  const victims = () => page.locator('section[aria-labelledby="victims-h"]')
  const row = (name: string) => victims().locator('li.victim').filter({ has: page.locator('.victim-name', { hasText: name }) })

  it('lists the victims the report names, marked for review, each with the quote that names them', async () => {
    await page.goto(`${server.url}/incidents/${encodeURIComponent(incidentId)}`)
    await victims().getByRole('heading', { name: 'Victims' }).waitFor()
    await expect(victims().locator('.victim-name').allTextContents()).resolves.toEqual(['Zarina Bibi', 'Gul Rahman'])
    await expect(row('Zarina Bibi').getByText('to review').count()).resolves.toBe(1)
    await expect(row('Zarina Bibi').locator('blockquote').innerText()).resolves.toContain('Those killed were Zarina Bibi and Gul Rahman.')
    // Without signing in there is nothing to edit.
    await expect(victims().getByText('Add a named victim').count()).resolves.toBe(0)
    await check('1-found-victims')
  })

  it('lets a signed-in editor accept a found victim and add one by the form, which a reload still shows', async () => {
    await page.goto(`${server.url}/signin`)
    await page.getByLabel('API token').fill(server.token)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL('**/review')
    await page.goto(`${server.url}/incidents/${encodeURIComponent(incidentId)}`)
    await victims().getByRole('heading', { name: 'Victims' }).waitFor()

    await row('Zarina Bibi').getByText('Review or correct Zarina Bibi').click()
    await row('Zarina Bibi').getByLabel('Reason').fill('named by her family to a second outlet')
    await row('Zarina Bibi').getByRole('button', { name: 'Accept' }).click()
    await row('Zarina Bibi').locator('.badge', { hasText: 'accepted' }).waitFor()

    await victims().getByText('Add a named victim').click()
    const form = victims().getByRole('form', { name: 'Add a named victim' })
    await form.getByLabel('Name').fill(HOSTILE)
    await form.getByLabel('Age').fill('12')
    await form.getByLabel('Sex').selectOption('female')
    await form.getByLabel('Relation (as reported, e.g. “his grandson”)').fill('his niece')
    await form.getByLabel('Fate').selectOption('injured')
    await form.getByRole('button', { name: 'Add victim' }).click()
    // The reason is required, and said so.
    await form.getByRole('alert').getByText(/Say why/).waitFor()
    await form.getByLabel('Reason').fill('named by the village elder')
    await form.getByRole('button', { name: 'Add victim' }).click()
    await row('Samira').waitFor()
    await check('2-victim-added')

    await page.reload()
    await victims().getByRole('heading', { name: 'Victims' }).waitFor()
    await expect(victims().locator('.victim-name').allTextContents()).resolves.toEqual(['Zarina Bibi', 'Gul Rahman', HOSTILE])
    await expect(row('Samira').innerText()).resolves.toMatch(/age 12 · female · his niece · injured/)
    await expect(row('Zarina Bibi').locator('.badge').innerText()).resolves.toBe('accepted')
    // Shown as text: the markup in the name never became an element, and its handler never ran.
    await expect(victims().locator('img').count()).resolves.toBe(0)
    await expect(page.evaluate('window.__pwned')).resolves.toBeUndefined()
    // The history says who added her and why.
    await expect(page.locator('.revisions').innerText()).resolves.toContain('named by the village elder')
    await check('3-after-reload')
  })

  it('at phone width, by keyboard alone, corrects a victim’s age and adds another', async () => {
    const phone = await axeContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const p = await phone.newPage()
    try {
      // Signing in is per browser session; the keyboard task starts on the incident page.
      await p.goto(`${server.url}/signin`)
      await p.getByLabel('API token').fill(server.token)
      await p.getByRole('button', { name: 'Sign in' }).click()
      await p.waitForURL('**/review')
      await p.goto(`${server.url}/incidents/${encodeURIComponent(incidentId)}`)
      await p.getByRole('heading', { name: 'Victims' }).waitFor()
      /** Presses Tab until the focused element's text or label is `name` (at most 300 times). */
      const tabTo = async (name: string): Promise<void> => {
        for (let k = 0; k < 300; k++) {
          await p.keyboard.press('Tab')
          const focused = String(await p.evaluate(`(() => { const e = document.activeElement; return e ? (e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].textContent : '') || e.textContent || '').trim() : '' })()`))
          if (focused === name) return
        }
        throw new Error(`never reached ${name} by Tab`)
      }
      await tabTo('Review or correct Gul Rahman')
      await p.keyboard.press('Enter')
      await tabTo('Age')
      await p.keyboard.type('27')
      await tabTo('Reason')
      await p.keyboard.type('age given by his cousin')
      await p.keyboard.press('Enter')
      await p.locator('li.victim', { hasText: 'Gul Rahman' }).getByText(/age 27/).waitFor()
      await tabTo('Add a named victim')
      await p.keyboard.press('Enter')
      await tabTo('Name')
      await p.keyboard.type('Wali Khan')
      await tabTo('Reason')
      await p.keyboard.type('named at the funeral')
      await p.keyboard.press('Enter')
      await p.locator('.victim-name', { hasText: 'Wali Khan' }).waitFor()
      await checkState(p, join(SHOTS, '4-phone-keyboard.png'))
    } finally {
      await phone.close()
    }
  })
})
