// An invitation link: shows the cohort and lets the signed-in user join it.
import { ApiError } from '@/lib/api/api-error'
import { requireUser } from '@/lib/auth/page-session'
import { cohortByInvite } from '@/lib/cohorts/cohorts'
import { INVITE_CODE_PATTERN } from '@/lib/cohorts/schemas'
import { getPrisma } from '@/lib/db/global'
import { JoinButton } from './join-button'

export const metadata = { title: 'Join a cohort' }

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params
  await requireUser('any', `/join/${encodeURIComponent(code)}`)
  const cohort = INVITE_CODE_PATTERN.test(code)
    ? await cohortByInvite(getPrisma(), code).catch((e) => (e instanceof ApiError ? null : Promise.reject(e)))
    : null
  if (!cohort) {
    return (
      <div className="card mx-auto max-w-md">
        <h1 className="text-xl font-semibold">This invitation link is not valid</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Ask your instructor for a new link.</p>
      </div>
    )
  }
  return (
    <div className="card mx-auto max-w-md">
      <p className="text-sm text-slate-500">You are invited to join</p>
      <h1 className="mt-1 text-xl font-semibold">{cohort.name}</h1>
      {cohort.description && <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{cohort.description}</p>}
      <JoinButton code={code} />
    </div>
  )
}
