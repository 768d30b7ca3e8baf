/** @module The incident filters shared by the table, the map and the timeline, kept in the URL so views can be shared. */
import { CATEGORIES, GRADES } from '../../src/domain/values.js'
import type { IncidentFilter } from './api.js'
import { navigate } from './router.js'
import { Options } from './ui.js'

export const FILTER_KEYS = ['from', 'to', 'country', 'actor', 'category', 'grade', 'minCasualties'] as const

/** Reads the filters from a query string. */
export function readFilter(q: URLSearchParams): IncidentFilter {
  const f: Record<string, string> = {}
  for (const k of FILTER_KEYS) {
    const v = q.get(k)
    if (v) f[k] = v
  }
  return f
}

/** A stable key for a filter, for reloading when it changes. */
export const filterKey = (f: IncidentFilter): string => JSON.stringify(Object.entries(f).sort())

/** The filter form; applying it rewrites the URL of the current page (and resets paging). */
export function Filters({ value, path }: { value: IncidentFilter; path: string }) {
  const apply = (e: Event): void => {
    e.preventDefault()
    const fd = new FormData(e.currentTarget as HTMLFormElement)
    const q = new URLSearchParams()
    for (const k of FILTER_KEYS) {
      const v = String(fd.get(k) ?? '').trim()
      if (v) q.set(k, k === 'country' ? v.toUpperCase() : v)
    }
    const s = q.toString()
    navigate(`${path}${s ? `?${s}` : ''}`, true)
  }
  return (
    <form class="filters card" onSubmit={apply} aria-label="Filter incidents">
      <div>
        <label for="flt-from">From</label>
        <input id="flt-from" name="from" type="date" defaultValue={value.from ?? ''} />
      </div>
      <div>
        <label for="flt-to">To</label>
        <input id="flt-to" name="to" type="date" defaultValue={value.to ?? ''} />
      </div>
      <div>
        <label for="flt-country">Country (ISO code)</label>
        <input id="flt-country" name="country" type="text" maxLength={2} size={3} pattern="[A-Za-z]{2}" defaultValue={value.country ?? ''} />
      </div>
      <div>
        <label for="flt-actor">Actor</label>
        <input id="flt-actor" name="actor" type="text" defaultValue={value.actor ?? ''} />
      </div>
      <div>
        <label for="flt-category">Category</label>
        <select id="flt-category" name="category">
          <Options values={CATEGORIES} selected={value.category} any="any" />
        </select>
      </div>
      <div>
        <label for="flt-grade">Grade</label>
        <select id="flt-grade" name="grade">
          <Options values={GRADES} selected={value.grade} any="any" />
        </select>
      </div>
      <div>
        <label for="flt-min">At least killed</label>
        <input id="flt-min" name="minCasualties" type="number" min={0} step={1} defaultValue={value.minCasualties ?? ''} />
      </div>
      <div class="filter-actions">
        <button type="submit" class="primary">
          Apply
        </button>{' '}
        <a href={path}>Clear</a>
      </div>
    </form>
  )
}
