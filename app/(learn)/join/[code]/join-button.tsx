'use client'
// Joins the cohort through the API, then goes to the dashboard.
import { useState } from 'react'
import { FormError } from '@/app/_components/form-error'
import { sendJson } from '@/lib/client/post-json'

export function JoinButton({ code }: { code: string }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function join() {
    setBusy(true)
    const result = await sendJson('POST', '/api/cohorts/join', { code })
    if (result.ok) return window.location.assign('/dashboard')
    setError(result.message)
    setBusy(false)
  }
  return (
    <div className="mt-6 space-y-3">
      <FormError message={error} />
      <button type="button" className="btn-primary w-full" onClick={join} disabled={busy}>
        {busy ? 'Joining…' : 'Join cohort'}
      </button>
    </div>
  )
}
