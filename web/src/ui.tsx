/** @module Small shared components: page title with focus, async loading, errors, highlighted text, select options, a pager. */
import type { ComponentChildren } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { segments, type Mark } from './highlight.js'

/** The page's h1; takes focus on mount so keyboard and screen-reader users land on the new page. */
export function Title({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    ref.current?.focus({ preventScroll: true })
  }, [])
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  )
}

/** State of a load: data, error and a reload function. */
export interface Loaded<T> {
  readonly data: T | undefined
  readonly error: Error | undefined
  readonly loading: boolean
  readonly reload: () => void
}

/** Runs `load` whenever `key` changes, dropping answers that arrive after a newer request. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Loaded<T> {
  const [state, set] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true })
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let live = true
    // A newer key abandons the request still running for the old one, so the server and the network work only
    // for what will be shown.
    const abort = new AbortController()
    set((s) => ({ ...s, loading: true }))
    load(abort.signal).then(
      (data) => live && set({ data, loading: false }),
      (error: unknown) => live && set({ error: error instanceof Error ? error : new Error(String(error)), loading: false }),
    )
    return () => {
      live = false
      abort.abort()
    }
    // `load` is a fresh closure each render; `key` says when its inputs changed.
  }, [key, tick])
  return { data: state.data, error: state.error, loading: state.loading, reload: () => setTick((t) => t + 1) }
}

/** An error message in a live region. */
export function ErrorNote({ error }: { error: Error | undefined | null }) {
  if (!error) return null
  return (
    <p class="error" role="alert">
      {error.message}
    </p>
  )
}

/** Text with marked spans, rendered as text nodes and <mark> elements only; never as HTML. */
export function Highlighted(props: {
  text: string
  marks: readonly (Mark & { cls?: string; label?: string })[]
  selected?: string | null
  onSelect?: (id: string) => void
}) {
  const byId = new Map(props.marks.map((m) => [m.id, m]))
  return (
    <>
      {segments(props.text, props.marks).map((s) => {
        if (s.ids.length === 0) return s.text
        const id = s.ids[0]!
        const m = byId.get(id)
        const sel = props.selected !== undefined && s.ids.includes(props.selected ?? '')
        return (
          <mark
            key={`${s.start}`}
            class={`claim ${m?.cls ?? ''}${sel ? ' selected' : ''}`}
            data-claim={s.ids.join(' ')}
            title={m?.label}
            onClick={props.onSelect ? () => props.onSelect?.(sel && props.selected ? props.selected : id) : undefined}
          >
            {s.text}
          </mark>
        )
      })}
    </>
  )
}

/** A small status badge. */
export function Badge({ kind, children }: { kind: string; children: ComponentChildren }) {
  return <span class={`badge badge-${kind}`}>{children}</span>
}

/**
 * The options of a select, the given value selected. Preact sets no `defaultValue` on a select (the element has no
 * such property), so without this an edit form shows, and then saves, the first option instead of the record's value.
 */
export function Options({ values, selected, any }: { values: readonly string[]; selected: string | null | undefined; any?: string }) {
  return (
    <>
      {any !== undefined && (
        <option value="" selected={!selected}>
          {any}
        </option>
      )}
      {values.map((v) => (
        <option key={v} value={v} selected={v === selected}>
          {v}
        </option>
      ))}
    </>
  )
}

/** Previous and next buttons over a paged list, with "Page 2 of 5"; `go` receives the new offset. */
export function Pager({ offset, size, total, go }: { offset: number; size: number; total: number; go: (offset: number) => void }) {
  if (total <= size) return null
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled={offset === 0} onClick={() => go(Math.max(0, offset - size))}>
        Previous
      </button>
      <span>
        Page {Math.floor(offset / size) + 1} of {Math.ceil(total / size)}
      </span>
      <button type="button" disabled={offset + size >= total} onClick={() => go(offset + size)}>
        Next
      </button>
    </nav>
  )
}
