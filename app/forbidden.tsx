// Rendered with HTTP 403 when a signed-in user lacks the role for a page.
import Link from 'next/link'

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">Your role does not include it. Ask an admin if you think it should.</p>
      <Link href="/dashboard" className="btn-primary mt-6">Back to your dashboard</Link>
    </div>
  )
}
