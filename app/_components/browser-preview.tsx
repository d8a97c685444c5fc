'use client'
// The workbench's browser preview: an address bar into the session (ingress gateway, port-forwards) and a sandboxed frame.
import { useEffect, useState, type FormEvent } from 'react'
import { sendJson } from '@/lib/client/post-json'

interface BrowserPreviewProps {
  sessionId: string
  /** An address to open now (a `kubectl port-forward` asked for it); `at` makes a repeat request open it again. */
  request?: { url: string; at: number } | null
}

export function BrowserPreview({ sessionId, request }: BrowserPreviewProps) {
  const [address, setAddress] = useState('')
  const [src, setSrc] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const open = async (target: string) => {
    setError(null)
    const res = await sendJson<{ src: string; address: string }>('POST', `/api/lab-sessions/${sessionId}/preview`, { address: target })
    if (!res.ok) return setError(res.message)
    setAddress(res.data.address)
    setSrc(res.data.src)
  }

  // Start from the ingress gateway's product page when the session has one.
  useEffect(() => {
    let live = true
    void sendJson<{ ingress: string | null }>('GET', `/api/lab-sessions/${sessionId}/preview`).then((res) => {
      if (live && res.ok && res.data.ingress) setAddress((a) => a || `${res.data.ingress}/productpage`)
    })
    return () => {
      live = false
    }
  }, [sessionId])

  useEffect(() => {
    if (request) void open(request.url)
  }, [request?.at]) // only a new request opens a page

  const submit = (e: FormEvent) => {
    e.preventDefault()
    void open(address)
  }
  return (
    <div className="flex h-full flex-col" data-testid="browser-preview">
      <form onSubmit={submit} className="flex gap-2 border-b border-slate-200 p-2 dark:border-slate-800">
        <label htmlFor={`preview-address-${sessionId}`} className="sr-only">Address</label>
        <input id={`preview-address-${sessionId}`} className="input flex-1 font-mono text-xs" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="http://$INGRESS_HOST/productpage or localhost:8080" spellCheck={false} />
        <button type="submit" className="btn-secondary px-3 py-1 text-xs">Go</button>
      </form>
      {error && <p role="alert" className="p-2 text-sm text-red-700 dark:text-red-400">{error}</p>}
      {src ? (
        // No allow-same-origin and no allow-scripts: the learner's pages run in an opaque origin (and the server's CSP says the same).
        <iframe key={src} src={src} sandbox="allow-forms" title="Browser preview" className="min-h-0 w-full flex-1 bg-white" referrerPolicy="no-referrer" />
      ) : (
        <p className="p-4 text-sm text-slate-600 dark:text-slate-400">Type an address inside your lab — the ingress gateway, or a port you forwarded with <code>kubectl port-forward</code> — and press Go.</p>
      )}
    </div>
  )
}
