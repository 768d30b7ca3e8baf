/**
 * @module End-to-end tests of the researcher's desk tasks in real headless Chromium, at laptop and phone width, against
 * a real Reckon server on a temporary SQLite store: filter by typing a country's name with ISO dates, keep the filter
 * moving between the list, the map and the timeline (and back), and export exactly the filtered incidents.
 * Screenshots go to test-output/screenshots-desk/.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeContext, checkState, DESK_SIZES, haveChromium, launch, pinch, screenshotFolder } from './browser.js'
import { asEditor, postStrike, serveMissing, startServer, type RunningServer } from './server.js'

const noServe = haveChromium ? serveMissing() : null

/** Strikes written for this test (not published text): three in Pakistan in 2012–2013, one after, one in Yemen. */
const STRIKES: readonly [text: string, published: string][] = [
  ['A US drone strike on a compound in Miranshah, North Waziristan, killed four suspected militants on Tuesday, two local officials said.', '2012-03-08'],
  ['Missiles fired from a drone hit a vehicle near Datta Khel in North Waziristan on Friday, killing six people, a security official said.', '2013-07-06'],
  ['A drone strike in Miranshah, North Waziristan killed three men on Monday, residents said.', '2014-02-05'],
  ['A US drone strike in Shabwa province on Sunday killed five suspected militants, a Yemeni official said.', '2012-10-09'],
  ['A drone strike on a compound in Dande Darpa Khel village, North Waziristan, on Friday killed Hakimullah Mehsud and four other people, intelligence officials said.', '2013-11-02'],
]

describe.skipIf(!haveChromium || noServe !== null)('researcher desk tasks (headless Chromium)', () => {
  let server: RunningServer
  let browser: Browser
  /** The incidents the filter Pakistan 2012–2013 must show, by id. */
  const inPakistan: string[] = []
  let SHOTS = ''

  beforeAll(async () => {
    server = await startServer()
    for (const [text, published] of STRIKES) {
      const { incidentId } = await postStrike(server, { text, published, publisher: 'Desk Wire' })
      if (published < '2014' && text.includes('Waziristan')) inPakistan.push(incidentId)
    }
    SHOTS = screenshotFolder('desk')
    browser = await launch()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  for (const [size, options] of DESK_SIZES) {
    describe(`at ${size} width`, () => {
      let context: BrowserContext
      let page: Page
      beforeAll(async () => {
        context = await axeContext(browser, { ...options, acceptDownloads: true })
        page = await context.newPage()
      })
      afterAll(async () => {
        await context?.close()
      })
      const check = (name: string): Promise<void> => checkState(page, join(SHOTS, `${size}-${name}.png`))

      it('(c) filters to Pakistan 2012–2013 by typing the name, and keeps the filter across list, map, timeline and back', async () => {
        await page.goto(`${server.url}/incidents`)
        await page.locator('tbody tr').first().waitFor()
        // A date in the browser's month/day/year order is refused, saying what is expected.
        await page.getByLabel('From (YYYY-MM-DD)').fill('01/01/2012')
        await page.getByRole('button', { name: 'Apply' }).click()
        await expect(page.getByRole('alert').innerText()).resolves.toMatch(/not a date written YYYY-MM-DD/)
        // A name that matches no country says so, with suggestions, instead of an empty list.
        await page.getByLabel('From (YYYY-MM-DD)').fill('2012-01-01')
        await page.getByLabel('To (YYYY-MM-DD)').fill('2013-12-31')
        await page.getByLabel('Country (name or code)').fill('Pakistn')
        await page.getByRole('button', { name: 'Apply' }).click()
        await page.getByText(/"Pakistn" is not a country; did you mean Pakistan \(PK\)/).waitFor()
        await check('c1-country-typo')
        await page.getByLabel('Country (name or code)').fill('Pakistan')
        await page.getByRole('button', { name: 'Apply' }).click()
        await page.waitForURL((u) => u.searchParams.get('country') === 'PK' && u.searchParams.get('from') === '2012-01-01' && u.searchParams.get('to') === '2013-12-31')
        await page.getByText(/^3 incidents\./).waitFor()
        const hrefs = await Promise.all((await page.locator('tbody tr a').all()).map((a) => a.getAttribute('href')))
        const ids = hrefs.map((h) => decodeURIComponent((h ?? '').replace('/incidents/', '')))
        expect(ids.sort()).toEqual([...inPakistan].sort())
        await expect(page.getByLabel('Country (name or code)').inputValue()).resolves.toBe('Pakistan')
        await check('c2-incidents-pakistan')
        // The map and the timeline, reached through the navigation, show the same filter.
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click()
        await page.waitForURL((u) => u.pathname === '/map' && u.searchParams.get('country') === 'PK' && u.searchParams.get('to') === '2013-12-31')
        await page.locator('svg .countries path').first().waitFor()
        await expect(page.getByLabel('Country (name or code)').inputValue()).resolves.toBe('Pakistan')
        await check('c3-map-pakistan')
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Timeline' }).click()
        await page.waitForURL((u) => u.pathname === '/timeline' && u.searchParams.get('country') === 'PK' && u.searchParams.get('from') === '2012-01-01')
        await page.locator('.band rect').first().waitFor()
        const months = await page.locator('.chart').first().locator('details tbody td:first-child').allTextContents()
        expect(months.length).toBeGreaterThan(0)
        expect(months.filter((m) => !(m >= '2012' && m < '2014'))).toEqual([])
        await check('c4-timeline-pakistan')
        // Back returns to the map with its filter, and again to the unfiltered list before the filter was applied.
        await page.goBack()
        await page.waitForURL((u) => u.pathname === '/map' && u.searchParams.get('country') === 'PK')
        await page.goBack()
        await page.goBack()
        await page.waitForURL((u) => u.pathname === '/incidents' && u.searchParams.get('country') === 'Pakistn')
        await page.goBack()
        await page.waitForURL((u) => u.pathname === '/incidents' && u.search === '')
        await page.locator('tbody tr').first().waitFor()
        await expect(page.getByLabel('Country (name or code)').inputValue()).resolves.toBe('')
      })

      it('(c) zooms the map by button, wheel (laptop), pinch (phone) and keyboard, and opens incidents from a map mark and from a timeline bar', async () => {
        const filter = 'country=PK&from=2012-01-01&to=2013-12-31'
        await page.goto(`${server.url}/map?${filter}`)
        await page.locator('svg .countries path').first().waitFor()
        await page.getByText(/^3 incidents match/).waitFor()
        const zoom = page.locator('.map-controls .muted')
        const level = async (): Promise<number> => Number((await zoom.innerText()).replace(/\D+/g, ''))
        const framed = await level()
        // The first view frames the incidents placed to a village: zoomed in well past the whole world.
        expect(framed).toBeGreaterThan(3)
        await page.getByRole('button', { name: 'Zoom out' }).click()
        await expect.poll(level).toBe(framed - 1)
        const map = page.getByRole('group', { name: /^Map of incidents/ })
        await map.focus()
        await page.keyboard.press('-')
        await expect.poll(level).toBe(framed - 2)
        await page.keyboard.press('+')
        await expect.poll(level).toBe(framed - 1)
        if (size === 'laptop') {
          const box = (await map.boundingBox())!
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
          await page.mouse.wheel(0, -200)
          await expect.poll(level).toBe(framed)
        } else {
          // On a phone, two fingers spread to twice their distance zoom in one level, and pinched back zoom out.
          const box = (await map.boundingBox())!
          await pinch(page, box.x + box.width / 2, box.y + box.height / 2, 60, 120)
          await expect.poll(level).toBe(framed)
          await pinch(page, box.x + box.width / 2, box.y + box.height / 2, 120, 60)
          await expect.poll(level).toBe(framed - 1)
          await page.getByRole('button', { name: 'Zoom in' }).click()
        }
        // Every matching incident is represented: the marks and badges add up to the three.
        await page.getByText(/^3 incidents match/).waitFor()
        // A string, as this file is type-checked without the DOM library; it runs in the page.
        const counted = await page.evaluate<number>(
          `[...document.querySelectorAll('svg .incidents a, svg .country-badges a, svg .region-areas a')].reduce((s, a) => s + Number((/^(\\d+) incidents/.exec(a.getAttribute('aria-label') || '') || [0, 1])[1]), 0)`,
        )
        const outside = Number(/(\d+) more outside the view/.exec(await page.getByText(/more outside the view/).innerText())?.[1] ?? -1)
        expect(counted + outside).toBe(3)
        await check('c5-map-zoomed')
        // Closer in, the villages a few kilometres apart come out of their cluster as marks of their own.
        await map.focus()
        for (let k = 1; k <= 3; k++) {
          await page.keyboard.press('+')
          await expect.poll(level).toBe(framed + k)
        }
        await page.getByText(/^3 incidents match/).waitFor()
        const single = page.locator('svg .incidents a[href^="/incidents/"]').first()
        const href = await single.getAttribute('href')
        await single.click()
        await page.waitForURL((u) => u.pathname === href)
        // The timeline spans the filtered period and each bar opens the incidents of its month.
        await page.goto(`${server.url}/timeline?${filter}`)
        await page.locator('.band rect').first().waitFor()
        const firstLabel = await page.locator('.chart svg text.axis[text-anchor="middle"]').first().textContent()
        expect(firstLabel).toMatch(/^2012/)
        // Labels stay readable at this width: drawn at 12 px, not shrunk with the chart.
        const labelHeight = await page.evaluate<number>(`document.querySelector('.chart svg text.axis[text-anchor="middle"]').getBoundingClientRect().height`)
        expect(labelHeight).toBeGreaterThanOrEqual(10)
        await check('c6-timeline-phone-readable')
        const bar = page.locator('.chart').first().locator('a.band').first()
        const barLabel = (await bar.getAttribute('aria-label')) ?? ''
        const month = barLabel.slice(0, 7)
        await bar.click()
        await page.waitForURL((u) => u.pathname === '/incidents' && u.searchParams.get('from') === `${month}-01` && u.searchParams.get('country') === 'PK')
        await page.locator('tbody tr').first().waitFor()
        await page.locator('tbody tr a').first().click()
        await page.waitForURL(/\/incidents\/[^/?]+$/)
        expect(inPakistan).toContain(decodeURIComponent(new URL(page.url()).pathname.replace('/incidents/', '')))
        // Many steps through a real server on a shared 2-core machine: room to finish, not a speed check.
      }, 120_000)

      it('(c) a filter change on the map abandons the request still running for the old filter and draws the new one', async () => {
        // The old filter's request is held at the network, before any server sees it, until the filter has changed.
        let release = (): void => {}
        const held = new Promise<void>((r) => (release = r))
        const abandoned: string[] = []
        const onFailed = (r: Request): void => {
          if (r.url().includes('/api/map?') && /ABORTED/.test(r.failure()?.errorText ?? '')) abandoned.push(new URL(r.url()).searchParams.get('country') ?? '')
        }
        page.on('requestfailed', onFailed)
        await page.route('**/api/map?**', async (route) => {
          if (new URL(route.request().url()).searchParams.get('country') === 'PK') await held
          // A request the page has abandoned meanwhile can no longer be continued.
          await route.continue().catch(() => undefined)
        })
        // The country list is held too, until the reader has typed: its arrival must not undo what they typed (the
        // box was remounted with the old filter's name when it came, on a loaded machine, so Apply sent Pakistan again).
        let listed = (): void => {}
        const listHeld = new Promise<void>((r) => (listed = r))
        await page.route('**/api/places?**', async (route) => {
          await listHeld
          await route.continue().catch(() => undefined)
        })
        try {
          await page.goto(`${server.url}/map?country=PK&from=2012-01-01&to=2013-12-31`)
          await page.getByText('Loading…').waitFor()
          await page.getByLabel('Country (name or code)').fill('Yemen')
          listed()
          await page.locator('#flt-countries option').first().waitFor({ state: 'attached' })
          await page.getByRole('button', { name: 'Apply' }).click()
          await page.getByText(/^1 incident match/).waitFor()
          release()
          await expect.poll(() => abandoned).toContain('PK')
        } finally {
          page.off('requestfailed', onFailed)
          listed()
          await page.unroute('**/api/map?**')
          await page.unroute('**/api/places?**')
        }
        await expect(page.getByText(/^1 incident match/).isVisible()).resolves.toBe(true)
        // As the other map tasks: a loaded machine (the whole suite at once) can take longer than the default 30 s.
      }, 120_000)

      it('(b) finds the Mehsud strike by typing "Mehsud" in the search box, the matching words marked', async () => {
        await page.goto(`${server.url}/timeline`)
        await page.locator('h1').waitFor()
        await page.getByRole('searchbox', { name: 'Search incidents and sources' }).fill('Mehsud')
        await page.keyboard.press('Enter')
        await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === 'Mehsud')
        const incidents = page.locator('ul.results').first().locator('li')
        await incidents.first().waitFor()
        expect(await incidents.count()).toBe(1)
        await expect(incidents.first().locator('mark').allTextContents()).resolves.toContain('Mehsud')
        await check('b1-search-mehsud')
        await incidents.first().locator('a').click()
        await page.waitForURL(/\/incidents\/[^/?]+$/)
        expect(inPakistan).toContain(decodeURIComponent(new URL(page.url()).pathname.replace('/incidents/', '')))
        // Words that no report holds say so rather than showing an empty page.
        await page.getByRole('searchbox', { name: 'Search incidents and sources' }).fill('Narnia Aslan')
        await page.keyboard.press('Enter')
        await page.getByText('No incident’s reports hold all of these words.').waitFor()
      })

      it('(b) sets the Mehsud strike\'s place to the village its report names and grades it with a reason, as an editor', async () => {
        await page.goto(`${server.url}/signin`)
        await page.getByLabel('API token').fill(server.token)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.waitForURL('**/review')
        await page.getByRole('searchbox', { name: 'Search incidents and sources' }).fill('Mehsud')
        await page.keyboard.press('Enter')
        await page.locator('ul.results').first().locator('li a').first().click()
        await page.waitForURL(/\/incidents\/[^/?]+$/)
        await page.getByText('Correct or grade this incident').click()
        // The village is not in the gazetteer: the search says so, and its coordinates are given instead.
        await page.getByLabel('Find a village, district, region or country').fill('Dande Darpa Khel')
        await page.getByRole('button', { name: 'Find place' }).click()
        await page.getByText('No place of that name in the gazetteer').waitFor()
        await page.getByText('Or give coordinates').click()
        await page.getByLabel('Place name').fill('Dande Darpa Khel')
        await page.getByLabel('Latitude').fill('32.99')
        await page.getByLabel('Longitude').fill('70.04')
        await page.getByLabel('Known to within').selectOption('locality')
        await page.getByRole('button', { name: 'Use these coordinates' }).click()
        await expect(page.locator('.chosen-place').innerText()).resolves.toContain('Dande Darpa Khel')
        // Each width makes its own change (the laptop run graded it already), so each save is a real change.
        const grade = size === 'laptop' ? 'weak' : 'fair'
        await page.getByLabel('Grade', { exact: true }).selectOption(grade)
        await check('b2-incident-editor')
        // No reason, no change: the history keeps why.
        await page.getByRole('button', { name: 'Save changes' }).click()
        await page.getByText('Say why: the reason is kept with the change in the history.').waitFor()
        await page.getByLabel('Reason for the change (kept in the history)').fill(`the report names the village; graded ${grade} at ${size} width`)
        await page.getByRole('button', { name: 'Save changes' }).click()
        await page.locator('p.muted', { hasText: `grade ${grade}` }).first().waitFor()
        await expect(page.locator('h1').innerText()).resolves.toContain('Dande Darpa Khel')
        const history = await page.locator('ol.revisions').innerText()
        expect(history).toContain(`updated the incident by e2e-editor — the report names the village; graded ${grade} at ${size} width`)
        await check('b3-incident-edited')
      })

      it('(f) merges two incidents and splits one claim back out, each with its explanation', async () => {
        const ids: string[] = []
        for (const [n, where] of [[2, 'Mir Ali'], [3, 'Mir Ali town']] as const) {
          const text = `A drone strike near ${where} in North Waziristan on Wednesday killed ${n} people, a ${size} correspondent was told.`
          const published = size === 'laptop' ? '2015-04-02' : '2015-09-03'
          const posted = await asEditor(server, '/api/sources', { text, published, publisher: `Merge Wire ${n}`, kind: 'news' })
          const claim = ((await posted.json()) as { claims: { id: string }[] }).claims[0]!
          // Each its own incident, whatever linking decided: the test merges them by hand.
          const moved = await asEditor(server, `/api/claims/${claim.id}/move`, { incidentId: null, reason: 'a strike of its own' })
          ids.push(((await moved.json()) as { incidentId: string }).incidentId)
        }
        await page.goto(`${server.url}/incidents/${encodeURIComponent(ids[1]!)}`)
        await page.getByText('Merge or split').click()
        await page.getByLabel('Same strike as incident (id or address)').fill(`${server.url}/incidents/${encodeURIComponent(ids[0]!)}`)
        await page.getByLabel('Why they are one strike').fill('two reports of the same strike near Mir Ali')
        await page.getByRole('button', { name: 'Merge into it' }).click()
        await page.waitForURL((u) => u.pathname === `/incidents/${encodeURIComponent(ids[0]!)}`)
        await expect(page.locator('ol.revisions').innerText()).resolves.toContain('two reports of the same strike near Mir Ali')
        await check('f1-merged')
        await page.getByText('Merge or split').click()
        const boxes = page.getByRole('checkbox')
        expect(await boxes.count()).toBe(2)
        await boxes.nth(1).check()
        await page.getByLabel('Why they are another strike').fill('different days after all')
        await page.getByRole('button', { name: 'Split into a new incident' }).click()
        await page.waitForURL((u) => /^\/incidents\/[^/]+$/.test(u.pathname) && !ids.some((id) => u.pathname.endsWith(encodeURIComponent(id))))
        await expect(page.locator('ol.revisions').innerText()).resolves.toContain('different days after all')
        const left = (await (await fetch(`${server.url}/api/incidents/${encodeURIComponent(ids[0]!)}`)).json()) as { claims: unknown[] }
        expect(left.claims.length).toBe(1)
        await check('f2-split')
      })

      it('(e) exports the filtered incidents as CSV and GeoJSON from the page, the file named for what it holds', async () => {
        await page.goto(`${server.url}/incidents?country=PK&from=2012-01-01&to=2013-12-31`)
        await page.getByText(/^3 incidents\./).waitFor()
        const download = async (label: string): Promise<{ name: string; text: string }> => {
          const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: label, exact: true }).click()])
          const path = await d.path()
          return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') }
        }
        const csv = await download('CSV')
        expect(csv.name).toBe('reckon-incidents-PK-2012-01-01_2013-12-31.csv')
        const lines = csv.text.trim().split(/\r?\n/)
        expect(lines.length).toBe(4)
        const idColumn = lines[0]!.split(',').indexOf('id')
        expect(lines.slice(1).map((l) => l.split(',')[idColumn]).sort()).toEqual([...inPakistan].sort())
        const geo = await download('GeoJSON')
        expect(geo.name).toBe('reckon-incidents-PK-2012-01-01_2013-12-31.geojson')
        const features = (JSON.parse(geo.text) as { features: { id: string; properties: { country: string } }[] }).features
        expect(features.map((f) => f.id).sort()).toEqual([...inPakistan].sort())
        expect(features.every((f) => f.properties.country === 'PK')).toBe(true)
        // The map and the timeline offer the same downloads of the same filter.
        for (const path of ['/map', '/timeline']) {
          await page.goto(`${server.url}${path}?country=PK&from=2012-01-01&to=2013-12-31`)
          await page.locator('h1').waitFor()
          expect(await page.getByRole('link', { name: 'JSON', exact: true }).getAttribute('href')).toBe('/api/export/incidents.json?from=2012-01-01&to=2013-12-31&country=PK')
        }
        await check('e1-timeline-export')
      })
    })
  }
})
