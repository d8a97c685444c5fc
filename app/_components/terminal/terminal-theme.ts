// Terminal colours for the page's light and dark themes, and a watcher that follows the page when it switches.
//
// The app's dark mode is Tailwind's default `dark:` variant, i.e. the
// `prefers-color-scheme` media query (app/globals.css); a `dark` class on <html>
// is honoured too, so a future theme toggle needs no change here.
import type { ITheme } from '@xterm/xterm'

/** Tailwind slate/brand shades, so the terminal sits in the page rather than on it. */
export const LIGHT_THEME: ITheme = {
  background: '#f8fafc', foreground: '#0f172a', cursor: '#1f64c2', cursorAccent: '#f8fafc',
  selectionBackground: '#bfdbfe', selectionInactiveBackground: '#e2e8f0',
  black: '#0f172a', red: '#b91c1c', green: '#15803d', yellow: '#a16207', blue: '#1d4ed8', magenta: '#a21caf', cyan: '#0e7490', white: '#cbd5e1',
  brightBlack: '#475569', brightRed: '#dc2626', brightGreen: '#16a34a', brightYellow: '#ca8a04', brightBlue: '#2563eb', brightMagenta: '#c026d3', brightCyan: '#0891b2', brightWhite: '#f1f5f9',
}

export const DARK_THEME: ITheme = {
  background: '#020617', foreground: '#e2e8f0', cursor: '#60a5fa', cursorAccent: '#020617',
  selectionBackground: '#1e3a8a', selectionInactiveBackground: '#334155',
  black: '#1e293b', red: '#f87171', green: '#4ade80', yellow: '#facc15', blue: '#60a5fa', magenta: '#e879f9', cyan: '#22d3ee', white: '#e2e8f0',
  brightBlack: '#64748b', brightRed: '#fca5a5', brightGreen: '#86efac', brightYellow: '#fde047', brightBlue: '#93c5fd', brightMagenta: '#f0abfc', brightCyan: '#67e8f9', brightWhite: '#f8fafc',
}

const DARK_QUERY = '(prefers-color-scheme: dark)'

/** Whether the page currently shows its dark theme. */
export function pageIsDark(): boolean {
  return document.documentElement.classList.contains('dark') || window.matchMedia(DARK_QUERY).matches
}

export function themeFor(dark: boolean): ITheme {
  return dark ? DARK_THEME : LIGHT_THEME
}

/** Calls `onChange(dark)` whenever the OS scheme or the <html> class changes; returns the stop function. */
export function watchPageTheme(onChange: (dark: boolean) => void): () => void {
  const media = window.matchMedia(DARK_QUERY)
  const update = () => onChange(pageIsDark())
  media.addEventListener('change', update)
  const observer = new MutationObserver(update)
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] })
  return () => {
    media.removeEventListener('change', update)
    observer.disconnect()
  }
}
