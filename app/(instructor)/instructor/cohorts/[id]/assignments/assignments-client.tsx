'use client'
// Assign a module or lab with an optional due date; move a due date; remove an assignment.
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { FormError } from '@/app/_components/form-error'
import type { CourseColumn } from '@/lib/cohorts/course-columns'
import { sendJson } from '@/lib/client/post-json'

interface AssignmentRow {
  id: string
  moduleSlug: string
  labSlug: string | null
  title: string
  href: string
  dueAt: string | null
}

/** A datetime-local value (the browser's own time zone) as ISO 8601 with offset, or null when blank. */
function isoFromLocal(value: string): string | null {
  return value ? new Date(value).toISOString() : null
}

/** An ISO instant as a datetime-local value in the browser's time zone. */
function localFromIso(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function AssignmentsClient({ cohortId, columns, assignments }: { cohortId: string; columns: CourseColumn[]; assignments: AssignmentRow[] }) {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const base = `/api/cohorts/${cohortId}/assignments`

  async function run(method: string, url: string, body?: unknown): Promise<boolean> {
    setBusy(true)
    setError(null)
    const result = await sendJson(method, url, body)
    setBusy(false)
    if (!result.ok) setError(result.message)
    else router.refresh()
    return result.ok
  }

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const [kind, moduleSlug, labSlug] = String(form.get('target')).split(':')
    const body = { moduleSlug, labSlug: kind === 'lab' ? labSlug : null, dueAt: isoFromLocal(String(form.get('dueAt') ?? '')) }
    const formEl = e.currentTarget
    if (await run('POST', base, body)) formEl.reset()
  }

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_2fr]">
      <form onSubmit={add} className="card space-y-4" aria-labelledby="new-assignment">
        <h2 id="new-assignment" className="font-semibold">Assign</h2>
        <div>
          <label htmlFor="assign-target" className="label">Module or lab</label>
          <select id="assign-target" name="target" className="input" required>
            {columns.map((c) => (
              <option key={`${c.kind}:${c.slug}`} value={`${c.kind}:${c.moduleSlug}:${c.slug}`}>{c.kind === 'lab' ? `  Lab: ${c.title}` : `Module: ${c.title}`}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="assign-due" className="label">Due (optional, your time zone)</label>
          <input id="assign-due" name="dueAt" type="datetime-local" className="input" />
        </div>
        <FormError message={error} />
        <button type="submit" className="btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Assign'}</button>
      </form>
      <section aria-labelledby="assigned">
        <h2 id="assigned" className="mb-3 font-semibold">Assigned ({assignments.length})</h2>
        {assignments.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">Nothing assigned yet.</p> : (
          <ul className="space-y-3" data-testid="assignments">
            {assignments.map((a) => <AssignmentItem key={a.id} a={a} busy={busy} onSave={(due) => run('PATCH', `${base}/${a.id}`, { dueAt: isoFromLocal(due) })} onRemove={() => run('DELETE', `${base}/${a.id}`)} />)}
          </ul>
        )}
      </section>
    </div>
  )
}

function AssignmentItem({ a, busy, onSave, onRemove }: { a: AssignmentRow; busy: boolean; onSave: (due: string) => void; onRemove: () => void }) {
  const [due, setDue] = useState(() => localFromIso(a.dueAt))
  const inputId = `due-${a.id}`
  return (
    <li className="card flex flex-wrap items-end justify-between gap-3">
      <div>
        <Link href={a.href} className="font-medium hover:underline">{a.title}</Link>
        <p className="text-xs text-slate-600 dark:text-slate-400">{a.labSlug ? `Lab in ${a.moduleSlug}` : 'Module'}</p>
      </div>
      <div className="flex items-end gap-2">
        <div>
          <label htmlFor={inputId} className="label">Due</label>
          <input id={inputId} type="datetime-local" className="input" value={due} onChange={(e) => setDue(e.target.value)} suppressHydrationWarning />
        </div>
        <button type="button" className="btn-secondary" disabled={busy} onClick={() => onSave(due)} aria-label={`Save the due date of ${a.title}`}>Save</button>
        <button type="button" className="btn-secondary" disabled={busy} onClick={() => window.confirm(`Remove ${a.title} from this cohort's assignments?`) && onRemove()} aria-label={`Remove ${a.title}`}>Remove</button>
      </div>
    </li>
  )
}
