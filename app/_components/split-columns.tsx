'use client'
// Side-by-side panes with draggable, keyboard-operable separators (WAI-ARIA window splitter pattern).
import { Children, useCallback, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react'

const KEY_STEP = 0.02

/** Moves the boundary after pane `i` by `delta` (a fraction of the width), keeping both neighbours above `min`. */
export function moveBoundary(sizes: readonly number[], i: number, delta: number, min: number): number[] {
  const next = [...sizes]
  const pair = next[i]! + next[i + 1]!
  const left = Math.min(pair - min, Math.max(min, next[i]! + delta))
  next[i] = left
  next[i + 1] = pair - left
  return next
}

interface SplitColumnsProps {
  /** Initial share of each pane; sums to 1. */
  initial: number[]
  /** Names of the panes, for the separators' labels. */
  labels: string[]
  min?: number
  children: ReactNode
}

export function SplitColumns({ initial, labels, min = 0.15, children }: SplitColumnsProps) {
  const [sizes, setSizes] = useState(initial)
  const box = useRef<HTMLDivElement>(null)
  const panes = Children.toArray(children)

  const startDrag = useCallback((i: number, e: PointerEvent<HTMLDivElement>) => {
    const width = box.current?.getBoundingClientRect().width ?? 1
    let lastX = e.clientX
    e.currentTarget.setPointerCapture(e.pointerId)
    const onMove = (ev: globalThis.PointerEvent) => {
      const delta = (ev.clientX - lastX) / width
      lastX = ev.clientX
      setSizes((s) => moveBoundary(s, i, delta, min))
    }
    const target = e.currentTarget
    const onUp = () => {
      target.removeEventListener('pointermove', onMove)
      target.removeEventListener('pointerup', onUp)
    }
    target.addEventListener('pointermove', onMove)
    target.addEventListener('pointerup', onUp)
  }, [min])

  const onKey = (i: number, e: KeyboardEvent<HTMLDivElement>) => {
    const delta = e.key === 'ArrowLeft' ? -KEY_STEP : e.key === 'ArrowRight' ? KEY_STEP : 0
    if (!delta) return
    e.preventDefault()
    setSizes((s) => moveBoundary(s, i, delta, min))
  }

  return (
    <div ref={box} className="flex h-full min-h-0 w-full">
      {panes.map((pane, i) => (
        <div key={i} className="contents">
          <div className="min-h-0 min-w-0 overflow-hidden" style={{ flexBasis: `${sizes[i]! * 100}%`, flexGrow: 0, flexShrink: 1 }}>{pane}</div>
          {i < panes.length - 1 && (
            <div
              role="separator"
              aria-orientation="vertical"
              aria-label={`Resize ${labels[i]} and ${labels[i + 1]}`}
              aria-valuenow={Math.round(sizes[i]! * 100)}
              aria-valuemin={Math.round(min * 100)}
              aria-valuemax={Math.round((sizes[i]! + sizes[i + 1]! - min) * 100)}
              tabIndex={0}
              className="w-1.5 shrink-0 cursor-col-resize bg-slate-200 hover:bg-brand-500 focus-visible:bg-brand-500 dark:bg-slate-800"
              onPointerDown={(e) => startDrag(i, e)}
              onKeyDown={(e) => onKey(i, e)}
            />
          )}
        </div>
      ))}
    </div>
  )
}
