// The editor's calls to the session API: open, save and discard files, and apply manifests.

/** What POST /api/lab-sessions/:id/apply answers: kubectl's own output and status. */
export interface ApplyResult {
  ok: boolean
  exitCode: number
  stdout: string
  stderr: string
}

/** A refused call, with the API's message (`{ error: { code, message } }`). */
export class EditorApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

function base(sessionId: string): string {
  return `/api/lab-sessions/${encodeURIComponent(sessionId)}`
}

async function send<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: init.body ? { 'content-type': 'application/json' } : undefined, credentials: 'same-origin' })
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null
  if (!res.ok) throw new EditorApiError(res.status, body?.error?.code ?? 'error', body?.error?.message ?? `The server answered ${res.status}.`)
  return body as T
}

/** The file's text and resolved path, or null when there is no such file yet. */
export async function readSessionFile(sessionId: string, path: string): Promise<{ path: string; text: string } | null> {
  try {
    return await send(`${base(sessionId)}/files?path=${encodeURIComponent(path)}`)
  } catch (err) {
    if (err instanceof EditorApiError && err.status === 404) return null
    throw err
  }
}

/** Saves the file; for a `kubectl edit` file this hands the edit back to kubectl. */
export function saveSessionFile(sessionId: string, path: string, text: string): Promise<{ path: string }> {
  return send(`${base(sessionId)}/files`, { method: 'PUT', body: JSON.stringify({ path, text }) })
}

/** Closes a `kubectl edit` file unsaved: kubectl says "Edit cancelled, no changes made." */
export function discardSessionEdit(sessionId: string, path: string): Promise<unknown> {
  return send(`${base(sessionId)}/files?path=${encodeURIComponent(path)}`, { method: 'DELETE' })
}

export function applyManifests(sessionId: string, text: string): Promise<ApplyResult> {
  return send(`${base(sessionId)}/apply`, { method: 'POST', body: JSON.stringify({ text }) })
}
