'use client'
// For instructors: a module's or lab's content-check problems in the page, and (in development) a reload when a content file changes.
import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

const POLL_MS = 2_000

export function ContentPreview({ problems, liveReload, file }: { problems: { line: number; message: string }[]; liveReload: boolean; file?: string }) {
  const router = useRouter()
  useEffect(() => {
    if (!liveReload) return
    let known: number | null = null
    const timer = setInterval(async () => {
      const res = await fetch('/api/content/version', { cache: 'no-store' }).catch(() => null)
      const version = res?.ok ? ((await res.json()) as { version: number }).version : null
      if (version === null) return
      if (known !== null && version !== known) router.refresh()
      known = version
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [liveReload, router])
  return (
    <section aria-labelledby="content-check" className="card mt-6 border-amber-400" data-testid="content-check">
      <h2 id="content-check" className="font-semibold">Content check: {problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'}` : 'no problems'}</h2>
      {problems.length > 0 && (
        <ul className="mt-2 space-y-1 font-mono text-xs">
          {problems.map((p, i) => <li key={i}>{file ? `${file}:${p.line}` : `line ${p.line}`}: {p.message}</li>)}
        </ul>
      )}
      {liveReload && <p className="mt-2 text-xs text-slate-500">Live reload is on: saving the file refreshes this page.</p>}
    </section>
  )
}
