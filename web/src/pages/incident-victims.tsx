/**
 * @module The incident page's named victims: each with the reports that name them (the name as each writes it, and
 * the quote), those extraction found marked for review; an editor accepts or rejects them, corrects, adds and removes
 * them, each with a reason kept in the history. Names are hostile input: rendered as text only.
 */
import { useState } from 'preact/hooks'
import type { SourceSummary, Victim } from '../api.js'
import { SEXES, VICTIM_FATES } from '../../../src/domain/victim.js'
import { call } from '../api.js'
import { sourceTitle } from '../format.js'
import { Badge, Options } from '../ui.js'

const victimsApi = {
  add: (incidentId: string, victim: Record<string, unknown>, reason: string) => call<Victim>('POST', `/api/incidents/${encodeURIComponent(incidentId)}/victims`, { victim, reason }),
  edit: (id: string, patch: Record<string, unknown>, reason: string) => call<Victim>('PATCH', `/api/victims/${encodeURIComponent(id)}`, { patch, reason }),
  review: (id: string, review: 'accepted' | 'rejected', reason: string) => call<Victim>('POST', `/api/victims/${encodeURIComponent(id)}/review`, { review, reason }),
  remove: (id: string, reason: string) => call<Victim>('POST', `/api/victims/${encodeURIComponent(id)}/remove`, { reason }),
}

/** What one line says of a victim besides the name: age, sex, relation, fate. */
function about(v: Victim): string {
  return [v.age === null ? null : `age ${v.age}`, v.sex, v.relation, v.fate === 'unknown' ? 'fate not stated' : v.fate].filter((x) => x !== null).join(' · ')
}

/** The fields of a victim form, read and checked; a problem in words otherwise. */
function readFields(form: HTMLFormElement): { fields: Record<string, unknown>; reason: string } | string {
  const fd = new FormData(form)
  const get = (k: string): string => String(fd.get(k) ?? '').trim()
  const name = get('name')
  if (!name) return 'Give the victim’s name as the reports write it.'
  const ageText = get('age')
  const age = ageText === '' ? null : Number(ageText)
  if (age !== null && !(Number.isInteger(age) && age >= 0 && age <= 130)) return 'Age: a whole number of years, or leave it empty.'
  const reason = get('reason')
  if (!reason) return 'Say why: the reason is kept with the change in the history.'
  return { fields: { name, age, sex: get('sex') || null, relation: get('relation') || null, fate: get('fate') || 'killed' }, reason }
}

/** The Victims section of an incident page. */
export function IncidentVictims(props: {
  incidentId: string
  victims: readonly Victim[]
  /** Pairs that may be one person (a name with and without a middle name), for an editor to decide. */
  suggestions: readonly { victims: readonly string[]; reason: string }[]
  sources: ReadonlyMap<string, SourceSummary>
  canEdit: boolean
  onSaved: () => void
}) {
  const { victims, canEdit } = props
  return (
    <section aria-labelledby="victims-h">
      <h2 id="victims-h">Victims</h2>
      {victims.length === 0 && <p>No victims named yet.</p>}
      {victims.some((v) => v.review === 'found') && <p class="muted">Victims marked “to review” were found in the reports by extraction; an editor accepts or rejects each.</p>}
      <ul class="plain victims">
        {victims.map((v) => (
          <VictimRow key={`${v.id}-${v.updatedAt}`} v={v} sources={props.sources} canEdit={canEdit} onSaved={props.onSaved} />
        ))}
      </ul>
      {props.suggestions.length > 0 && (
        <ul class="plain victim-suggestions">
          {props.suggestions.map((s) => (
            <li key={s.victims.join('-')}>
              <Badge kind="proposed">possibly the same person</Badge> {s.reason}
            </li>
          ))}
        </ul>
      )}
      {canEdit && <AddVictim incidentId={props.incidentId} onSaved={props.onSaved} />}
    </section>
  )
}

function VictimRow({ v, sources, canEdit, onSaved }: { v: Victim; sources: ReadonlyMap<string, SourceSummary>; canEdit: boolean; onSaved: () => void }) {
  const [problem, setProblem] = useState<string | null>(null)
  const act = async (run: () => Promise<unknown>): Promise<void> => {
    try {
      await run()
      setProblem(null)
      onSaved()
    } catch (e) {
      setProblem((e as Error).message)
    }
  }
  /** Runs a change with the reason typed in the button's form, or says that one is needed. */
  const withReason = (e: Event, run: (reason: string) => Promise<unknown>): void => {
    const form = (e.currentTarget as HTMLElement).closest('form')
    const reason = String(new FormData(form ?? undefined).get('reason') ?? '').trim()
    if (!reason) return setProblem('Say why: the reason is kept with the change in the history.')
    void act(() => run(reason))
  }
  const id = v.id
  return (
    <li class="card victim" data-victim={id}>
      <p>
        <strong class="victim-name">{v.name}</strong> <span class="muted">{about(v)}</span>{' '}
        <Badge kind={v.review === 'found' ? 'proposed' : v.review}>{v.review === 'found' ? 'to review' : v.review}</Badge>
      </p>
      {v.sources.length === 0 ? (
        <p class="muted">Added by an editor; no report in this incident names them yet.</p>
      ) : (
        <ul class="plain victim-sources">
          {v.sources.map((s) => {
            const src = sources.get(s.sourceId)
            return (
              <li key={`${s.claimId}-${s.span.start}`}>
                Named as <q>{s.name}</q> by <a href={`/review?source=${encodeURIComponent(s.sourceId)}`}>{src ? sourceTitle(src, src.publisher ?? `Source ${src.sha256.slice(0, 8)}`) : s.sourceId}</a>
                <blockquote>{s.quote}</blockquote>
              </li>
            )
          })}
        </ul>
      )}
      {canEdit && (
        <details class="editor">
          <summary>Review or correct {v.name}</summary>
          <form
            aria-label={`Correct ${v.name}`}
            noValidate
            onSubmit={(e) => {
              e.preventDefault()
              const read = readFields(e.currentTarget)
              if (typeof read === 'string') return setProblem(read)
              void act(() => victimsApi.edit(id, read.fields, read.reason))
            }}
          >
            <VictimFields prefix={`v-${id}`} v={v} />
            <label for={`v-${id}-reason`}>Reason</label>
            <input id={`v-${id}-reason`} name="reason" type="text" required />
            <span class="inline">
              <button type="submit">Save corrections</button>
              {v.review !== 'accepted' && (
                <button type="button" onClick={(e) => withReason(e, (r) => victimsApi.review(id, 'accepted', r))}>
                  Accept
                </button>
              )}
              {v.review !== 'rejected' && (
                <button type="button" onClick={(e) => withReason(e, (r) => victimsApi.review(id, 'rejected', r))}>
                  Reject
                </button>
              )}
              <button type="button" onClick={(e) => withReason(e, (r) => victimsApi.remove(id, r))}>
                Remove
              </button>
            </span>
          </form>
        </details>
      )}
      <FormNote problem={problem} />
    </li>
  )
}

/** A form's problem (an alert) and what it last did (announced politely). */
function FormNote({ problem, status }: { problem: string | null; status?: string | null }) {
  return (
    <>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {status && <p aria-live="polite">{status}</p>}
    </>
  )
}

/** Name, age, sex, relation and fate inputs, filled from `v` when correcting one. */
function VictimFields({ prefix, v }: { prefix: string; v?: Victim }) {
  return (
    <>
      <label for={`${prefix}-name`}>Name</label>
      <input id={`${prefix}-name`} name="name" type="text" required defaultValue={v?.name ?? ''} />
      <label for={`${prefix}-age`}>Age</label>
      <input id={`${prefix}-age`} name="age" type="text" inputMode="numeric" size={4} defaultValue={v?.age === null || v === undefined ? '' : String(v.age)} />
      <label for={`${prefix}-sex`}>Sex</label>
      <select id={`${prefix}-sex`} name="sex">
        <Options values={SEXES} selected={v?.sex ?? null} any="not stated" />
      </select>
      <label for={`${prefix}-relation`}>Relation (as reported, e.g. “his grandson”)</label>
      <input id={`${prefix}-relation`} name="relation" type="text" defaultValue={v?.relation ?? ''} />
      <label for={`${prefix}-fate`}>Fate</label>
      <select id={`${prefix}-fate`} name="fate">
        <Options values={VICTIM_FATES} selected={v?.fate ?? 'killed'} />
      </select>
    </>
  )
}

function AddVictim({ incidentId, onSaved }: { incidentId: string; onSaved: () => void }) {
  const [problem, setProblem] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  return (
    <details class="card editor">
      <summary>Add a named victim</summary>
      <form
        aria-label="Add a named victim"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          const form = e.currentTarget
          const read = readFields(form)
          if (typeof read === 'string') return setProblem(read)
          victimsApi.add(incidentId, read.fields, read.reason).then(
            (v) => {
              setProblem(null)
              setStatus(`Added ${v.name}.`)
              form.reset()
              onSaved()
            },
            (err: unknown) => setProblem((err as Error).message),
          )
        }}
      >
        <VictimFields prefix="add-victim" />
        <label for="add-victim-reason">Reason</label>
        <input id="add-victim-reason" name="reason" type="text" required />
        <button type="submit" class="primary">
          Add victim
        </button>
        <FormNote problem={problem} status={status} />
      </form>
    </details>
  )
}
