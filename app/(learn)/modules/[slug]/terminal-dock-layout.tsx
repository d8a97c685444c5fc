'use client'
// The dock's geometry: its height (dragged or set by keyboard, remembered), and the page padding that keeps content above it.
import { useEffect, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react'

export const DOCK_MIN_PX = 140
export const DOCK_DEFAULT_PX = 320
/** At most this share of the window, so the text stays readable above the dock. */
export const DOCK_MAX_SHARE = 0.8
const KEY_STEP_PX = 40
const STORAGE_KEY = 'mesh-dojo:terminal-dock-height'

export function clampHeight(px: number, windowHeight: number): number {
  return Math.round(Math.max(DOCK_MIN_PX, Math.min(px, windowHeight * DOCK_MAX_SHARE)))
}

/** The dock height, restored from the last visit once mounted (the server render uses the default). */
export function useDockHeight(): [number, (px: number) => void] {
  const [height, setHeight] = useState(DOCK_DEFAULT_PX)
  useEffect(() => {
    const saved = Number(localStorage.getItem(STORAGE_KEY))
    if (saved > 0) setHeight(clampHeight(saved, window.innerHeight))
  }, [])
  const set = (px: number) => {
    const h = clampHeight(px, window.innerHeight)
    setHeight(h)
    localStorage.setItem(STORAGE_KEY, String(h))
  }
  return [height, set]
}

/** The bar on the dock's top edge: drag it, or focus it and use the arrow keys. */
export function DockResizeHandle({ height, onResize }: { height: number; onResize: (px: number) => void }) {
  const onPointerDown = (ev: PointerEvent<HTMLDivElement>) => {
    ev.preventDefault()
    const handle = ev.currentTarget
    handle.setPointerCapture(ev.pointerId)
    const startY = ev.clientY
    const move = (e: globalThis.PointerEvent) => onResize(height + (startY - e.clientY))
    const up = () => {
      handle.removeEventListener('pointermove', move)
      handle.removeEventListener('pointerup', up)
    }
    handle.addEventListener('pointermove', move)
    handle.addEventListener('pointerup', up)
  }
  const onKeyDown = (ev: KeyboardEvent<HTMLDivElement>) => {
    const delta = { ArrowUp: KEY_STEP_PX, ArrowDown: -KEY_STEP_PX }[ev.key]
    if (delta === undefined) return
    ev.preventDefault()
    onResize(height + delta)
  }
  return (
    <div
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the terminal dock"
      aria-valuenow={height}
      aria-valuemin={DOCK_MIN_PX}
      tabIndex={0}
      className="terminal-dock-handle"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  )
}

/**
 * Pads the page by the space the dock (or, when closed, its toggle button) takes at the bottom of the window, so
 * nothing on the page hides behind it. `key` changes whenever a different element is shown.
 */
export function usePagePadding(element: RefObject<HTMLElement | null>, key: string): void {
  useEffect(() => {
    const el = element.current
    if (!el) return
    const body = document.body
    const update = () => body.style.setProperty('--terminal-dock-space', `${Math.max(0, window.innerHeight - el.getBoundingClientRect().top)}px`)
    const observer = new ResizeObserver(update)
    observer.observe(el)
    window.addEventListener('resize', update)
    body.classList.add('has-terminal-dock')
    return () => {
      observer.disconnect()
      window.removeEventListener('resize', update)
      body.classList.remove('has-terminal-dock')
      body.style.removeProperty('--terminal-dock-space')
    }
  }, [element, key])
}
