'use client'
// The module text's interactive parts: knowledge checks answered through the API (explanations shown after answering,
// earlier answers restored), copy buttons, runnable blocks' "Run in terminal", which types into the terminal dock, and
// "Open in editor", which puts a manifest into the dock's editor.
import { useCallback, useEffect, useRef, useState } from 'react'
import { TerminalDock, type TerminalDockHandle } from './terminal-dock'

interface QuizResult {
  quizId: string
  choices: number[]
  correct: boolean
  explanations: { text: string; correct: boolean; explain: string }[]
}

export function ModuleArticle({ slug, html, answers }: { slug: string; html: string; answers: QuizResult[] }) {
  const ref = useRef<HTMLElement>(null)
  const dock = useRef<TerminalDockHandle>(null)
  // Blocks marked kind-only (what the sim does not model) offer Run only once the session is known to be another driver.
  const [runsKindOnly, setRunsKindOnly] = useState(false)
  const onDriver = useCallback((driver: string) => setRunsKindOnly(driver !== 'sim'), [])
  useEffect(() => {
    const root = ref.current
    if (!root) return
    for (const a of answers) showResult(root, a)
    const onSubmit = (ev: SubmitEvent) => {
      const form = (ev.target as HTMLElement).closest('form.md-quiz-form') as HTMLFormElement | null
      if (!form) return
      ev.preventDefault()
      void submitQuiz(slug, form).then((r) => r && showResult(root, r))
    }
    const onClick = (ev: MouseEvent) => {
      const button = (ev.target as HTMLElement).closest('button[data-action="copy"], button[data-action="run"], button[data-action="open-editor"]') as HTMLButtonElement | null
      if (!button) return
      const block = button.closest<HTMLElement>('.md-run, .md-editor')
      const code = block?.querySelector('pre')?.textContent ?? ''
      if (button.dataset.action === 'run') return dock.current?.run(code.replace(/\n+$/, ''))
      if (button.dataset.action === 'open-editor') return dock.current?.openEditor(code, block?.dataset.file ?? 'manifest.yaml')
      void navigator.clipboard?.writeText(code).then(() => flash(button, 'Copied'))
    }
    root.addEventListener('submit', onSubmit)
    root.addEventListener('click', onClick)
    const sections = watchSections(root, slug)
    // Until now a quiz's submit would reload the page natively; tests and tools wait for this mark.
    root.dataset.interactive = 'true'
    return () => {
      root.removeEventListener('submit', onSubmit)
      root.removeEventListener('click', onClick)
      sections.disconnect()
    }
  }, [slug, answers])
  return (
    <>
      <article ref={ref} className={`md-article md-dock-terminal mt-8 ${runsKindOnly ? 'md-dock-kind' : ''}`} dangerouslySetInnerHTML={{ __html: html }} />
      <TerminalDock ref={dock} onDriver={onDriver} />
    </>
  )
}

/** Reports each section (h2) once its heading has been on screen: what the progress page counts as read. */
function watchSections(root: HTMLElement, slug: string): IntersectionObserver {
  const sent = new Set<string>()
  const observer = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const id = (e.target as HTMLElement).id
      if (!e.isIntersecting || !id || sent.has(id)) continue
      sent.add(id)
      void fetch(`/api/modules/${slug}/progress`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ section: id }) })
    }
  })
  root.querySelectorAll('h2[id]').forEach((h) => observer.observe(h))
  return observer
}

async function submitQuiz(slug: string, form: HTMLFormElement): Promise<QuizResult | null> {
  const feedback = form.querySelector('.md-quiz-feedback')
  const choices = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => Number(i.value))
  if (choices.length === 0) {
    if (feedback) feedback.textContent = 'Pick an answer first.'
    return null
  }
  const res = await fetch(`/api/modules/${slug}/quizzes/${form.dataset.quizId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ choices }) })
  const body = await res.json()
  if (!res.ok) {
    if (feedback) feedback.textContent = body?.error?.message ?? 'Could not check the answer.'
    return null
  }
  return body.result as QuizResult
}

function showResult(root: HTMLElement, r: QuizResult): void {
  const form = root.querySelector<HTMLFormElement>(`form.md-quiz-form[data-quiz-id="${CSS.escape(r.quizId)}"]`)
  if (!form) return
  form.querySelectorAll<HTMLInputElement>('input').forEach((input) => (input.checked = r.choices.includes(Number(input.value))))
  const feedback = form.querySelector('.md-quiz-feedback')
  if (!feedback) return
  feedback.replaceChildren()
  const verdict = document.createElement('p')
  verdict.className = r.correct ? 'md-quiz-correct' : 'md-quiz-wrong'
  verdict.textContent = r.correct ? 'Correct.' : 'Not quite.'
  const list = document.createElement('ul')
  r.explanations.forEach((e, i) => {
    const item = document.createElement('li')
    item.textContent = `${e.correct ? '✓' : '✗'} ${e.text}: ${e.explain}`
    if (r.choices.includes(i)) item.className = 'md-quiz-picked'
    list.append(item)
  })
  feedback.append(verdict, list)
}

function flash(button: HTMLButtonElement, text: string): void {
  const old = button.textContent
  button.textContent = text
  setTimeout(() => (button.textContent = old), 1200)
}
