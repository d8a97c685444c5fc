'use client'
// The score override form (score and a required comment); on success the page reloads its data, history included.
import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { FormError } from '@/app/_components/form-error'
import { sendJson } from '@/lib/client/post-json'
import { OVERRIDE_COMMENT_MAX, OVERRIDE_COMMENT_MIN, overrideSchema } from '@/lib/grading/override-schema'

export function OverrideForm({ attemptId, score, maxScore }: { attemptId: string; score: number | null; maxScore: number }) {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const element = e.currentTarget
    const form = new FormData(element)
    const parsed = overrideSchema.safeParse({ score: Number(form.get('score')), comment: String(form.get('comment') ?? '') })
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check the score and the comment.')
    if (parsed.data.score > maxScore) return setError(`The score must be between 0 and ${maxScore}.`)
    setBusy(true)
    setError(null)
    const result = await sendJson<{ override: { score: number } }>('POST', `/api/attempts/${attemptId}/override`, parsed.data)
    setBusy(false)
    if (!result.ok) return setError(result.message)
    setSaved(`Score set to ${result.data.override.score} / ${maxScore}.`)
    element.reset()
    router.refresh()
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-3" aria-labelledby="override" data-testid="override-form">
      <div>
        <label htmlFor="override-score" className="label">Score (0 to {maxScore})</label>
        <input id="override-score" name="score" type="number" min={0} max={maxScore} step={1} required defaultValue={score ?? ''} className="input w-32" />
      </div>
      <div>
        <label htmlFor="override-comment" className="label">Why (required, at least {OVERRIDE_COMMENT_MIN} characters)</label>
        <textarea id="override-comment" name="comment" required minLength={OVERRIDE_COMMENT_MIN} maxLength={OVERRIDE_COMMENT_MAX} rows={3} className="input" />
      </div>
      <FormError message={error} />
      {saved && <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">{saved}</p>}
      <div><button type="submit" className="btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Override score'}</button></div>
    </form>
  )
}
