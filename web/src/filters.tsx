/**
 * @module The incident filters shared by the table, the map and the timeline, kept in the page address: a link
 * reproduces a view, the back button undoes a filter, and moving between the three pages keeps them.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { CATEGORIES, GRADES } from '../../src/domain/values.js'
import { api, qs, type IncidentFilter } from './api.js'
import { navigate } from './router.js'
import { Options } from './ui.js'

export const FILTER_KEYS = ['from', 'to', 'country', 'actor', 'category', 'grade', 'minCasualties'] as const

/** The pages that show the filtered incidents, and so carry the filters from one to the next. */
export const FILTERED_PAGES: readonly string[] = ['/incidents', '/map', '/timeline']

/** Reads the filters from a query string. */
export function readFilter(q: URLSearchParams): IncidentFilter {
  const f: Record<string, string> = {}
  for (const k of FILTER_KEYS) {
    const v = q.get(k)
    if (v) f[k] = v
  }
  return f
}

/** The filters of a query string alone ("?country=PK&from=2012-01-01"), for links to the other filtered pages. */
export function filterSearch(q: URLSearchParams): string {
  return qs(readFilter(q) as Record<string, string>)
}

/** A stable key for a filter, for reloading when it changes. */
export const filterKey = (f: IncidentFilter): string => JSON.stringify(Object.entries(f).sort())

/** Whether `s` is a real calendar day written YYYY-MM-DD (not 2013-02-30). */
export function isIsoDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

interface Country {
  readonly code: string
  readonly name: string
}
let countries: Promise<Country[]> | undefined
/** Every country the gazetteer knows, fetched once, for the country box's suggestions. */
function loadCountries(): Promise<Country[]> {
  countries ??= api.places({ kind: 'country', limit: 500 }).then((r) => r.items.map((c) => ({ code: c.id, name: c.place.name ?? c.id })))
  countries.catch(() => (countries = undefined))
  return countries
}

/**
 * The ISO code a typed country stands for, when the list says so exactly ("pk", "pakistan"); otherwise the text as
 * typed, which the API reads (names and demonyms too) or refuses with suggestions, shown on the page.
 */
export function resolveCountry(typed: string, list: readonly Country[]): string {
  const t = typed.trim()
  const low = t.toLowerCase()
  const hit = list.find((c) => c.code.toLowerCase() === low || c.name.toLowerCase() === low)
  return hit?.code ?? t
}

/** The filter form; applying it adds an entry to the history (so back undoes it) and resets paging. */
export function Filters({ value, path }: { value: IncidentFilter; path: string }) {
  const [list, setList] = useState<Country[]>([])
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    loadCountries().then(setList, () => setList([]))
  }, [])
  const shown = value.country ? (list.find((c) => c.code === value.country)?.name ?? value.country) : ''
  // When the country list arrives, the box shows the filter's country by name ("PK" becomes "Pakistan"), unless the
  // reader has typed in it meanwhile: remounting the box (as a key would) threw away what a quick reader had typed.
  const countryBox = useRef<HTMLInputElement>(null)
  const typed = useRef(false)
  useEffect(() => {
    if (countryBox.current && !typed.current) countryBox.current.value = shown
  }, [shown])
  const apply = (e: Event): void => {
    e.preventDefault()
    const fd = new FormData(e.currentTarget as HTMLFormElement)
    const q = new URLSearchParams()
    for (const k of FILTER_KEYS) {
      const v = String(fd.get(k) ?? '').trim()
      if (!v) continue
      if ((k === 'from' || k === 'to') && !isIsoDay(v)) {
        setProblem(`${k === 'from' ? 'From' : 'To'}: "${v}" is not a date written YYYY-MM-DD, such as 2012-01-31.`)
        return
      }
      q.set(k, k === 'country' ? resolveCountry(v, list) : v)
    }
    setProblem(null)
    const s = q.toString()
    navigate(`${path}${s ? `?${s}` : ''}`)
  }
  return (
    <form class="filters card" onSubmit={apply} aria-label="Filter incidents" noValidate>
      <div>
        <label for="flt-from">From (YYYY-MM-DD)</label>
        <input id="flt-from" name="from" type="text" inputMode="numeric" placeholder="YYYY-MM-DD" size={10} maxLength={10} autoComplete="off" defaultValue={value.from ?? ''} />
      </div>
      <div>
        <label for="flt-to">To (YYYY-MM-DD)</label>
        <input id="flt-to" name="to" type="text" inputMode="numeric" placeholder="YYYY-MM-DD" size={10} maxLength={10} autoComplete="off" defaultValue={value.to ?? ''} />
      </div>
      <div>
        <label for="flt-country">Country (name or code)</label>
        <input id="flt-country" name="country" type="text" list="flt-countries" size={14} autoComplete="off" defaultValue={shown} ref={countryBox} onInput={() => (typed.current = true)} />
        <datalist id="flt-countries">
          {list.map((c) => (
            <option key={c.code} value={c.name}>
              {c.code}
            </option>
          ))}
        </datalist>
      </div>
      <div>
        <label for="flt-actor">Actor</label>
        <input id="flt-actor" name="actor" type="text" defaultValue={value.actor ?? ''} />
      </div>
      <Choice name="category" label="Category" values={CATEGORIES} selected={value.category} />
      <Choice name="grade" label="Grade" values={GRADES} selected={value.grade} />
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
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  )
}

/** A labelled drop-down filter whose first choice is "any". */
function Choice({ name, label, values, selected }: { name: string; label: string; values: readonly string[]; selected: string | undefined }) {
  return (
    <div>
      <label for={`flt-${name}`}>{label}</label>
      <select id={`flt-${name}`} name={name}>
        <Options values={values} selected={selected} any="any" />
      </select>
    </div>
  )
}

/** Downloads of exactly the incidents the filters select, in each format the API exports; the server names the file. */
export function ExportLinks({ value }: { value: IncidentFilter }) {
  const q = qs(value as Record<string, string>)
  return (
    <p class="exports">
      <span id="export-label">Download these incidents:</span>{' '}
      {(
        [
          ['csv', 'CSV'],
          ['geojson', 'GeoJSON'],
          ['json', 'JSON'],
        ] as const
      ).map(([ext, label], n) => (
        <span key={ext}>
          {n > 0 && ' · '}
          <a href={`/api/export/incidents.${ext}${q}`} download aria-describedby="export-label">
            {label}
          </a>
        </span>
      ))}
    </p>
  )
}
