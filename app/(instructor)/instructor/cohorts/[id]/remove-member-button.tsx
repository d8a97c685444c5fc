'use client'
// Removes a member from a cohort after confirmation.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { sendJson } from '@/lib/client/post-json'

export function RemoveMemberButton({ cohortId, userId, name }: { cohortId: string; userId: string; name: string }) {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  async function remove() {
    if (!window.confirm(`Remove ${name} from this cohort?`)) return
    const result = await sendJson('DELETE', `/api/cohorts/${cohortId}/members/${userId}`)
    if (result.ok) router.refresh()
    else setError(result.message)
  }
  return (
    <>
      {error && <span role="alert" className="mr-2 text-xs text-red-600">{error}</span>}
      <button type="button" className="btn-secondary" onClick={remove} aria-label={`Remove ${name}`}>Remove</button>
    </>
  )
}
