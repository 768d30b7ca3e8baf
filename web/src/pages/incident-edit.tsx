/**
 * @module An editor's corrections to an incident: date and its precision, place (found in the gazetteer or given by
 * coordinates with a precision), actor, belligerent, target, strike status, a short summary, and the grade of civilian
 * harm on Airwars' five grades with the grader's reason. Every save is one revision carrying the reason; merge and
 * split keep theirs too.
 */
import { useState } from 'preact/hooks'
import type { Incident, Place } from '../api.js'
import { DATE_PRECISIONS, GRADES, PLACE_PRECISIONS, STRIKE_STATUSES } from '../../../src/domain/values.js'
import { api, type ApiClaim, type PlaceChoice } from '../api.js'
import { isIsoDay } from '../filters.js'
import { claimFigure, placeText } from '../format.js'
import { navigate } from '../router.js'
import { Options } from '../ui.js'

/** What each grade means, shown beside the grade picker (Airwars' definitions, in our words). */
const GRADE_HELP: Record<string, string> = {
  confirmed: 'the belligerent has accepted responsibility for civilian harm',
  fair: 'reported by two or more credible sources, the belligerent known to be striking there then',
  weak: 'a single source, or sources that give little detail',
  contested: 'competing claims of responsibility, or sources that disagree on whether civilians were harmed',
  discounted: 'those reporting now say no civilians were harmed, or the event did not happen as reported',
}

/** What each strike status means, shown beside its picker. */
export const STRIKE_STATUS_HELP: Record<string, string> = {
  confirmed: 'the striking party or conclusive evidence says a strike took place',
  likely: 'credible reports agree that a strike took place',
  possible: 'a single or thin report of a strike',
  contested: 'reports disagree on whether there was a strike, or whose it was',
}

/** The form: only fields that changed are sent, with the reason required. */
export function IncidentEditor({ incident: i, onSaved }: { incident: Incident; onSaved: () => void }) {
  const [place, setPlace] = useState<Place | null>(i.place)
  const [found, setFound] = useState<PlaceChoice[] | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const find = async (q: string): Promise<void> => {
    if (!q.trim()) return
    try {
      setFound((await api.places({ q, limit: 8 })).items)
    } catch (e) {
      setProblem(String((e as Error).message))
    }
  }
  const fromCoordinates = (form: HTMLFormElement): void => {
    const fd = new FormData(form)
    const lat = Number(fd.get('lat'))
    const lon = Number(fd.get('lon'))
    if (!String(fd.get('lat')).trim() || !String(fd.get('lon')).trim() || !(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
      setProblem('Coordinates: give a latitude between -90 and 90 and a longitude between -180 and 180, in decimal degrees.')
      return
    }
    setProblem(null)
    setPlace({
      name: String(fd.get('placeName') ?? '').trim() || null,
      admin1: place?.admin1 ?? null,
      admin2: null,
      country: place?.country ?? null,
      lat,
      lon,
      precision: String(fd.get('coordPrecision')) as Place['precision'],
    })
  }
  const save = async (e: Event): Promise<void> => {
    e.preventDefault()
    const fd = new FormData(e.currentTarget as HTMLFormElement)
    const get = (k: string): string => String(fd.get(k) ?? '').trim()
    const reason = get('reason')
    const patch: Record<string, unknown> = {}
    const start = get('start') || null
    const end = get('end') || null
    for (const d of [start, end]) if (d !== null && !isIsoDay(d)) return setProblem(`Date: "${d}" is not a date written YYYY-MM-DD.`)
    const precision = get('datePrecision') || null
    if (start !== i.date.start || end !== i.date.end || precision !== i.date.precision) patch.date = { start, end, precision }
    if (JSON.stringify(place) !== JSON.stringify(i.place)) patch.place = place
    if ((get('actor') || null) !== i.actor) patch.actor = get('actor') || null
    if ((get('target') || null) !== i.target) patch.target = get('target') || null
    if ((get('belligerent') || null) !== i.belligerent) patch.belligerent = get('belligerent') || null
    if ((get('strikeStatus') || null) !== i.strikeStatus) patch.strikeStatus = get('strikeStatus') || null
    if ((get('summary') || null) !== i.summary) patch.summary = get('summary') || null
    if ((get('grade') || null) !== i.grade) patch.grade = get('grade') || null
    if ((get('gradeReason') || null) !== i.gradeReason) patch.gradeReason = get('gradeReason') || null
    if (Object.keys(patch).length === 0) return setProblem('Nothing changed.')
    if (!reason) return setProblem('Say why: the reason is kept with the change in the history.')
    setProblem(null)
    try {
      await api.updateIncident(i.id, patch, reason)
      setStatus(`Saved: ${Object.keys(patch).join(', ')}.`)
      onSaved()
    } catch (err) {
      setProblem((err as Error).message)
    }
  }
  return (
    <details class="card editor">
      <summary>Correct or grade this incident</summary>
      <form onSubmit={(e) => void save(e)} aria-label="Correct this incident" noValidate>
        <fieldset>
          <legend>Date</legend>
          <label for="ed-start">First day (YYYY-MM-DD)</label>
          <input id="ed-start" name="start" type="text" inputMode="numeric" size={10} defaultValue={i.date.start ?? ''} />
          <label for="ed-end">Last day (YYYY-MM-DD)</label>
          <input id="ed-end" name="end" type="text" inputMode="numeric" size={10} defaultValue={i.date.end ?? ''} />
          <label for="ed-date-precision">Date known to the</label>
          <select id="ed-date-precision" name="datePrecision">
            <Options values={DATE_PRECISIONS} selected={i.date.precision} any="not stated" />
          </select>
        </fieldset>
        <fieldset>
          <legend>Place</legend>
          <p>
            Now: <strong class="chosen-place">{placeText(place)}</strong>
            {place?.lat != null && place.lon != null ? ` at ${place.lat}, ${place.lon}` : ''}
          </p>
          <label for="ed-place-q">Find a village, district, region or country</label>
          <span class="inline">
            <input
              id="ed-place-q"
              type="search"
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault()
                  void find((e.currentTarget as HTMLInputElement).value)
                }
              }}
            />
            <button type="button" onClick={(e) => void find(((e.currentTarget as HTMLElement).previousElementSibling as HTMLInputElement).value)}>
              Find place
            </button>
          </span>
          {found && (
            <ul class="plain place-results" aria-label="Places found">
              {found.length === 0 && <li>No place of that name in the gazetteer; give its coordinates below.</li>}
              {found.map((c) => (
                <li key={c.id}>
                  <button type="button" class="link" onClick={() => (setPlace(c.place), setFound(null))}>
                    Use {placeText(c.place)}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <details>
            <summary>Or give coordinates</summary>
            <label for="ed-place-name">Place name</label>
            <input id="ed-place-name" name="placeName" type="text" />
            <label for="ed-lat">Latitude</label>
            <input id="ed-lat" name="lat" type="text" inputMode="decimal" size={9} />
            <label for="ed-lon">Longitude</label>
            <input id="ed-lon" name="lon" type="text" inputMode="decimal" size={9} />
            <label for="ed-coord-precision">Known to within</label>
            <select id="ed-coord-precision" name="coordPrecision">
              <Options values={PLACE_PRECISIONS.filter((p) => p !== 'unknown' && p !== 'country')} selected="locality" />
            </select>
            <button type="button" onClick={(e) => fromCoordinates((e.currentTarget as HTMLElement).closest('form')!)}>
              Use these coordinates
            </button>
          </details>
        </fieldset>
        <fieldset>
          <legend>Who and what</legend>
          <label for="ed-actor">Actor named in the reports (who struck)</label>
          <input id="ed-actor" name="actor" type="text" defaultValue={i.actor ?? ''} />
          <label for="ed-belligerent">Belligerent (the party the record holds responsible)</label>
          <input id="ed-belligerent" name="belligerent" type="text" maxLength={200} defaultValue={i.belligerent ?? ''} />
          <label for="ed-target">Target</label>
          <input id="ed-target" name="target" type="text" defaultValue={i.target ?? ''} />
          <label for="ed-strike-status">Strike status</label>
          <select id="ed-strike-status" name="strikeStatus" aria-describedby="ed-strike-status-help">
            <Options values={STRIKE_STATUSES} selected={i.strikeStatus} any="not stated" />
          </select>
          <ul id="ed-strike-status-help" class="muted grade-help">
            {STRIKE_STATUSES.map((s) => (
              <li key={s}>
                <strong>{s}</strong>: {STRIKE_STATUS_HELP[s]}
              </li>
            ))}
          </ul>
          <label for="ed-summary">Summary (a few sentences)</label>
          <textarea id="ed-summary" name="summary" rows={3} maxLength={2000} defaultValue={i.summary ?? ''} />
        </fieldset>
        <fieldset>
          <legend>Grade of civilian harm</legend>
          <label for="ed-grade">Grade</label>
          <select id="ed-grade" name="grade" aria-describedby="ed-grade-help">
            <Options values={GRADES} selected={i.grade} any="not graded" />
          </select>
          <ul id="ed-grade-help" class="muted grade-help">
            {GRADES.map((g) => (
              <li key={g}>
                <strong>{g}</strong>: {GRADE_HELP[g]}
              </li>
            ))}
          </ul>
          <label for="ed-grade-reason">Grader’s reason</label>
          <textarea id="ed-grade-reason" name="gradeReason" rows={2} maxLength={2000} defaultValue={i.gradeReason ?? ''} />
        </fieldset>
        <label for="ed-reason">Reason for the change (kept in the history)</label>
        <textarea id="ed-reason" name="reason" rows={2} />
        <p>
          <button type="submit" class="primary">
            Save changes
          </button>
        </p>
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
        {status && <p aria-live="polite">{status}</p>}
      </form>
    </details>
  )
}

/** Merge this incident into another, or split chosen claims out into a new one, each with its explanation. */
export function MergeSplit({ incident: i, claims, onSaved }: { incident: Incident; claims: ApiClaim[]; onSaved: () => void }) {
  const [problem, setProblem] = useState<string | null>(null)
  const merge = async (e: Event): Promise<void> => {
    e.preventDefault()
    const fd = new FormData(e.currentTarget as HTMLFormElement)
    const into = String(fd.get('into') ?? '').trim().replace(/^.*\/incidents\//, '')
    const reason = String(fd.get('reason') ?? '').trim()
    if (!into || !reason) return setProblem('Merge: give the other incident (its id or address) and the reason.')
    try {
      const merged = await api.merge(i.id, decodeURIComponent(into), reason)
      navigate(`/incidents/${encodeURIComponent(merged.id)}`)
    } catch (err) {
      setProblem((err as Error).message)
    }
  }
  const split = async (e: Event): Promise<void> => {
    e.preventDefault()
    const fd = new FormData(e.currentTarget as HTMLFormElement)
    const ids = fd.getAll('claim').map(String)
    const reason = String(fd.get('reason') ?? '').trim()
    if (ids.length === 0 || !reason) return setProblem('Split: choose the claims that belong to another strike, and give the reason.')
    try {
      const r = await api.split(i.id, ids, reason)
      navigate(`/incidents/${encodeURIComponent(r.to.id)}`)
    } catch (err) {
      setProblem((err as Error).message)
    }
    onSaved()
  }
  return (
    <details class="card editor">
      <summary>Merge or split</summary>
      <form onSubmit={(e) => void merge(e)} aria-label="Merge into another incident" noValidate>
        <label for="mg-into">Same strike as incident (id or address)</label>
        <input id="mg-into" name="into" type="text" />
        <label for="mg-reason">Why they are one strike</label>
        <input id="mg-reason" name="reason" type="text" />
        <button type="submit">Merge into it</button>
      </form>
      <form onSubmit={(e) => void split(e)} aria-label="Split claims out" noValidate>
        <fieldset>
          <legend>Claims that belong to another strike</legend>
          {claims.map((c) => (
            <div key={c.id}>
              <input type="checkbox" id={`sp-${c.id}`} name="claim" value={c.id} />{' '}
              <label for={`sp-${c.id}`}>
                “{claimFigure(c)}” ({c.claimant ?? 'the document'})
              </label>
            </div>
          ))}
        </fieldset>
        <label for="sp-reason">Why they are another strike</label>
        <input id="sp-reason" name="reason" type="text" />
        <button type="submit">Split into a new incident</button>
      </form>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </details>
  )
}
