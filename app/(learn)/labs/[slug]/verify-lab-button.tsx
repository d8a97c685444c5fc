'use client'
// Runs the lab's honesty gate on the server and shows what it found: an author's check that the lab grades honestly.
import { useState } from 'react'
import { sendJson } from '@/lib/client/post-json'

interface Verification {
  passed: boolean
  problems: { stage: string; taskId: string; message: string }[]
  gradings: number
  elapsedMs: number
}

export function VerifyLabButton({ slug }: { slug: string }) {
  const [state, setState] = useState<{ busy: boolean; result?: Verification; error?: string }>({ busy: false })
  const verify = async () => {
    setState({ busy: true })
    const res = await sendJson<{ verification: Verification }>('POST', `/api/labs/${slug}/verify`)
    setState(res.ok ? { busy: false, result: res.data.verification } : { busy: false, error: res.message })
  }
  const r = state.result
  return (
    <div className="card" data-testid="lab-verify">
      <p className="text-sm">The honesty gate runs the setup and grades it (every check must fail), then applies each task's solution in order (its checks must pass).</p>
      <button type="button" className="btn-primary mt-2" onClick={verify} disabled={state.busy}>{state.busy ? 'Verifying…' : 'Verify lab on the sim'}</button>
      <div role="status" className="mt-2 text-sm">
        {state.error && <p className="text-red-700 dark:text-red-400">{state.error}</p>}
        {r && (
          <p className={r.passed ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}>
            {r.passed ? 'Honest: the untouched setup fails every check and each solution passes its task.' : `${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} found.`} ({r.gradings} gradings, {(r.elapsedMs / 1000).toFixed(1)} s)
          </p>
        )}
      </div>
      {r && r.problems.length > 0 && (
        <ul className="mt-2 space-y-1 font-mono text-xs">
          {r.problems.map((p, i) => <li key={i}>{p.stage} {p.taskId}: {p.message}</li>)}
        </ul>
      )}
    </div>
  )
}
