/** @module The app shell: header, navigation, routes; the map's code loads only when the map is opened. */
import type { ComponentType } from 'preact'
import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { signOut, useSession } from './auth.js'
import { Desk } from './pages/desk.js'
import { Findings } from './pages/findings.js'
import { IncidentPage } from './pages/incident.js'
import { Incidents } from './pages/incidents.js'
import { SearchPage } from './pages/search.js'
import { SignIn } from './pages/signin.js'
import { Timeline } from './pages/timeline.js'
import { FILTERED_PAGES, filterSearch } from './filters.js'
import { navigate, onLinkClick, useLocation } from './router.js'
import { Title } from './ui.js'
import './styles.css'

/** Loads a page's module on first use, so heavy code (d3-geo, topojson) stays out of the first page load. */
function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let cached: ComponentType<P> | undefined
  return function Lazy(props: P) {
    const [C, set] = useState<ComponentType<P> | undefined>(() => cached)
    const [err, setErr] = useState<string | null>(null)
    useEffect(() => {
      if (!cached) load().then((c) => set(() => (cached = c)), (e: unknown) => setErr(String(e)))
    }, [])
    if (err) return <p role="alert">Could not load this page: {err}</p>
    return C ? <C {...props} /> : <p aria-live="polite">Loading…</p>
  }
}

const MapPage = lazy(() => import('./pages/map.js').then((m) => m.MapPage))

const NAV = [
  ['/review', 'Review'],
  ['/incidents', 'Incidents'],
  ['/map', 'Map'],
  ['/timeline', 'Timeline'],
  ['/findings', 'Findings'],
] as const

function Route({ path, query }: { path: string; query: URLSearchParams }) {
  if (path === '/' || path === '/incidents') return <Incidents query={query} />
  if (path === '/review') return <Desk sourceId={query.get('source')} claimId={query.get('claim')} />
  const m = /^\/incidents\/([^/]+)$/.exec(path)
  if (m) return <IncidentPage id={decodeURIComponent(m[1]!)} />
  if (path === '/map') return <MapPage query={query} />
  if (path === '/timeline') return <Timeline query={query} />
  if (path === '/findings') return <Findings query={query} />
  if (path === '/signin') return <SignIn />
  if (path === '/search') return <SearchPage query={query} />
  return (
    <section>
      <Title>Not found</Title>
      <p>
        No page here. <a href="/incidents">See the incidents</a>.
      </p>
    </section>
  )
}

/** The search box on every page: incidents and sources by words, names and places. */
function SearchBox({ value }: { value: string }) {
  const submit = (e: Event): void => {
    e.preventDefault()
    const q = String(new FormData(e.currentTarget as HTMLFormElement).get('q') ?? '').trim()
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`)
  }
  return (
    <form role="search" class="site-search" onSubmit={submit}>
      <label for="site-search" class="sr-only">
        Search incidents and sources
      </label>
      <input id="site-search" name="q" type="search" placeholder="Search: names, places, words" defaultValue={value} key={value} />
      <button type="submit">Search</button>
    </form>
  )
}

function App() {
  const { path, query } = useLocation()
  const session = useSession()
  const title = NAV.find(([p]) => p === path)?.[1]
  // The list, the map and the timeline show the same filtered incidents: their links carry the filters on screen.
  const carried = FILTERED_PAGES.includes(path) || path === '/' ? filterSearch(query) : ''
  useEffect(() => {
    document.title = title ? `${title} · Reckon` : 'Reckon'
  }, [title])
  return (
    <div onClick={onLinkClick}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a href="/incidents" class="brand">
          Reckon
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map(([href, label]) => (
              <li key={href}>
                <a href={FILTERED_PAGES.includes(href) ? `${href}${carried}` : href} aria-current={path === href || (href === '/incidents' && path.startsWith('/incidents')) ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <SearchBox value={path === '/search' ? (query.get('q') ?? '') : ''} />
        <div class="who">
          {session.role === 'anonymous' ? (
            <a href="/signin">Sign in</a>
          ) : (
            <>
              <span>
                {session.name ?? 'signed in'} ({session.role})
              </span>{' '}
              <button type="button" class="link" onClick={() => void signOut().catch((e: unknown) => window.alert(String(e)))}>
                Sign out
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Route key={path} path={path} query={query} />
      </main>
      <footer class="foot muted">Reckon records and checks what others report. Every figure links to its quotes.</footer>
    </div>
  )
}

render(<App />, document.getElementById('app')!)
