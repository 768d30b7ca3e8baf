/** @module Browser helpers for the end-to-end tests: Debian's Chromium through playwright-core, axe, screenshots. */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { expect } from 'vitest'

/** Where Debian's chromium package puts the browser; the tests skip (saying so) when it is absent. */
export const CHROMIUM = process.env.RECKON_CHROMIUM ?? '/usr/bin/chromium'
/** Whether a browser is there to drive. */
export const haveChromium = existsSync(CHROMIUM)
/** Screenshots land here so a person can look at every page the tests visited. */
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots')

/** The sizes the researcher's tasks are checked at: a laptop, and a phone held upright (375×812, touch). */
export const DESK_SIZES = [
  ['laptop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }],
] as const

/** Launches headless Chromium with the flags a container needs. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--headless=new', '--disable-dev-shm-usage'] })
}

/** The rule sets checked: WCAG 2.0/2.1 A and AA, and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** A violation axe reports, trimmed to what a failing assertion should show. */
export interface Violation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly targets: string[]
}

/** Runs axe-core on the page (WCAG 2 A/AA rules) and returns its serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  // The app's CSP forbids inline scripts; the test contexts bypass CSP only to inject axe.
  if ((await page.evaluate('typeof window.axe')) === 'undefined') await page.addScriptTag({ content: axeSource })
  // A string, since this file is type-checked without the DOM library; it runs in the page.
  const result = await page.evaluate<Violation[]>(`(async () => {
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }))
  })()`)
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'))
}

/** Saves a full-page screenshot named `name`.png. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

/** Empties the screenshot folder, so it holds exactly this run's pages. */
export function clearShots(): void {
  rmSync(SCREENSHOTS, { recursive: true, force: true })
  mkdirSync(SCREENSHOTS, { recursive: true })
}

/** A test file's own screenshot folder, test-output/screenshots-`name`, emptied so it holds exactly this run's pages. */
export function screenshotFolder(name: string): string {
  const dir = join(process.cwd(), 'test-output', `screenshots-${name}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return dir
}

/** A browser context for pages axe checks: CSP is bypassed only so axe can be injected; the app runs under the server's CSP otherwise unchanged. */
export function axeContext(browser: Browser, options: BrowserContextOptions): Promise<BrowserContext> {
  return browser.newContext({ ...options, bypassCSP: true })
}

/**
 * The checks every state of a desk page gets: no serious axe violation, no page wider than the window (unless
 * `wide: false`), and a full-page screenshot at `path`.
 */
export async function checkState(page: Page, path: string, opts: { readonly wide?: boolean } = {}): Promise<void> {
  const name = path.replace(/^.*\//, '')
  expect(await seriousViolations(page), name).toEqual([])
  if (opts.wide !== false) expect(await horizontalOverflow(page), `${name}: page wider than the window`).toBeLessThanOrEqual(1)
  await page.screenshot({ path, fullPage: true })
}

/**
 * Pinches with two fingers about (x, y), in CSS pixels of the viewport, from `from` to `to` pixels apart, through
 * Chromium's own touch input (CDP Input.dispatchTouchEvent): the page sees the touch and pointer events a phone sends.
 */
export async function pinch(page: Page, x: number, y: number, from: number, to: number, steps = 8): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const fingers = (d: number): { x: number; y: number; id: number }[] => [
      { x: x - d / 2, y, id: 0 },
      { x: x + d / 2, y, id: 1 },
    ]
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(from) })
    for (let k = 1; k <= steps; k++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(from + ((to - from) * k) / steps) })
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  } finally {
    await cdp.detach()
  }
}
