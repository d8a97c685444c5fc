// Syntax highlighting with shiki on the server: light and dark themes as CSS variables, so the page switches without re-rendering.
import type { Element } from 'hast'
import { createHighlighter, type Highlighter } from 'shiki'

const LANGS = ['sh', 'bash', 'shell', 'yaml', 'json', 'text', 'go', 'python', 'promql'] as const
const ALIASES: Record<string, string> = { console: 'sh', yml: 'yaml', promql: 'text' }

let highlighter: Promise<Highlighter> | undefined
function shiki(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: ['github-light', 'github-dark-default'], langs: LANGS.filter((l) => l !== 'promql' && l !== 'text') })
  return highlighter
}

/** The `<pre>` shiki makes for this code, or null for a language it does not know (left as plain text). */
export async function highlightCode(code: string, lang: string | undefined): Promise<Element | null> {
  const name = ALIASES[lang ?? ''] ?? lang ?? 'text'
  const hl = await shiki()
  if (!hl.getLoadedLanguages().includes(name)) return null
  const root = hl.codeToHast(code.replace(/\n$/, ''), { lang: name, themes: { light: 'github-light', dark: 'github-dark-default' }, defaultColor: 'light' })
  const pre = root.children.find((c): c is Element => c.type === 'element' && c.tagName === 'pre')
  return pre ?? null
}
