'use client'
// Create-cohort form and the list of cohorts; shows the new invitation link.
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { CopyButton } from '@/app/_components/copy-button'
import { FormError } from '@/app/_components/form-error'
import { sendJson } from '@/lib/client/post-json'

interface CohortRow {
  id: string
  name: string
  description: string
  members: number
}

export function CohortsClient({ cohorts }: { cohorts: CohortRow[] }) {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<{ name: string; inviteUrl: string } | null>(null)
  const [busy, setBusy] = useState(false)

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const formEl = e.currentTarget
    setBusy(true)
    setError(null)
    const body = Object.fromEntries(new FormData(formEl))
    const result = await sendJson<{ cohort: { name: string }; inviteUrl: string }>('POST', '/api/cohorts', body)
    setBusy(false)
    if (!result.ok) return setError(result.message)
    setCreated({ name: result.data.cohort.name, inviteUrl: result.data.inviteUrl })
    formEl.reset()
    router.refresh()
  }

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_2fr]">
      <form onSubmit={create} className="card space-y-4" aria-labelledby="new-cohort">
        <h2 id="new-cohort" className="font-semibold">New cohort</h2>
        <div>
          <label htmlFor="cohort-name" className="label">Name</label>
          <input id="cohort-name" name="name" className="input" required maxLength={120} placeholder="Istio bootcamp — spring" />
        </div>
        <div>
          <label htmlFor="cohort-description" className="label">Description</label>
          <textarea id="cohort-description" name="description" className="input" rows={3} maxLength={2000} />
        </div>
        <FormError message={error} />
        <button type="submit" className="btn-primary" disabled={busy}>{busy ? 'Creating…' : 'Create cohort'}</button>
        {created && (
          <div role="status" className="rounded-lg bg-brand-50 p-3 text-sm dark:bg-slate-800">
            <p>
              <strong>{created.name}</strong> is ready. Share this invitation link:
            </p>
            <div className="mt-2 flex items-center gap-2">
              <input readOnly value={created.inviteUrl} aria-label="Invitation link" className="input font-mono text-xs" data-testid="invite-url" />
              <CopyButton text={created.inviteUrl} />
            </div>
          </div>
        )}
      </form>
      <section aria-labelledby="cohort-list">
        <h2 id="cohort-list" className="sr-only">Your cohorts</h2>
        {cohorts.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No cohorts yet.</p>
        ) : (
          <ul className="space-y-3">
            {cohorts.map((c) => (
              <li key={c.id} className="card flex items-center justify-between gap-4">
                <div>
                  <Link href={`/instructor/cohorts/${c.id}`} className="font-medium hover:underline">{c.name}</Link>
                  <p className="text-sm text-slate-600 dark:text-slate-400">{c.members} member{c.members === 1 ? '' : 's'}</p>
                </div>
                <Link href={`/instructor/cohorts/${c.id}`} className="btn-secondary">Open</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
