'use client'
// The terminal's search box (Ctrl/Cmd-F): find next/previous in the scrollback; Esc closes it and returns to the shell.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { SearchAddon } from '@xterm/addon-search'
import { pageIsDark } from './terminal-theme'

/** Match highlights that keep the theme's text readable (amber, light or dark). */
const DECORATIONS = {
  light: { matchBackground: '#fde68a', matchOverviewRuler: '#f59e0b', activeMatchBackground: '#fbbf24', activeMatchColorOverviewRuler: '#d97706' },
  dark: { matchBackground: '#713f12', matchOverviewRuler: '#f59e0b', activeMatchBackground: '#b45309', activeMatchColorOverviewRuler: '#fbbf24' },
}

export function TerminalSearch({ search, onClose }: { search: SearchAddon; onClose: () => void }) {
  const input = useRef<HTMLInputElement>(null)
  const [query, setQuery] = useState('')
  const [missing, setMissing] = useState(false)
  useEffect(() => {
    input.current?.focus()
    input.current?.select()
    return () => search.clearDecorations()
  }, [search])

  const find = (backwards: boolean, text = query) => {
    if (!text) return setMissing(false)
    const opts = { decorations: DECORATIONS[pageIsDark() ? 'dark' : 'light'], incremental: !backwards && text !== query }
    setMissing(!(backwards ? search.findPrevious(text, opts) : search.findNext(text, opts)))
  }
  const onKeyDown = (ev: KeyboardEvent<HTMLInputElement>) => {
    if (ev.key === 'Escape') {
      ev.preventDefault()
      onClose()
    } else if (ev.key === 'Enter') {
      ev.preventDefault()
      find(ev.shiftKey)
    }
  }
  return (
    <div role="search" className="terminal-search">
      <input
        ref={input}
        type="search"
        aria-label="Find in terminal"
        placeholder="Find"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          find(false, e.target.value)
        }}
        onKeyDown={onKeyDown}
        className="terminal-search-input"
      />
      <span aria-live="polite" className="terminal-search-status">{missing ? 'No matches' : ''}</span>
      <button type="button" className="terminal-tool" onClick={() => find(true)} aria-label="Previous match">↑</button>
      <button type="button" className="terminal-tool" onClick={() => find(false)} aria-label="Next match">↓</button>
      <button type="button" className="terminal-tool" onClick={onClose} aria-label="Close search">✕</button>
    </div>
  )
}
