/** @module A small history-API router: the path and query as state, links that do not reload the page. */
import { useEffect, useState } from 'preact/hooks'

const listeners = new Set<() => void>()

/** Goes to `href` inside the app, keeping history; `replace` updates the URL without a new entry (filters). */
export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, '', href)
  else history.pushState(null, '', href)
  for (const l of listeners) l()
  if (!replace) window.scrollTo(0, 0)
}

/** The current location, re-rendering on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const read = (): { path: string; query: URLSearchParams } => ({ path: location.pathname, query: new URLSearchParams(location.search) })
  const [loc, set] = useState(read)
  useEffect(() => {
    const l = (): void => set(read())
    listeners.add(l)
    window.addEventListener('popstate', l)
    return () => {
      listeners.delete(l)
      window.removeEventListener('popstate', l)
    }
  }, [])
  return loc
}

/** Click handler for in-app links: plain left clicks navigate without reloading; others (new tab) fall through. */
export function onLinkClick(e: MouseEvent): void {
  const a = (e.target as Element | null)?.closest('a')
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
  const href = a.getAttribute('href')
  if (!href || !href.startsWith('/') || href.startsWith('/api/') || a.target) return
  e.preventDefault()
  navigate(href)
}
