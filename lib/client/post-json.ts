// Browser-side JSON calls to our API, returning the API's error message on failure.
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string }

export async function sendJson<T>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    })
  } catch {
    return { ok: false, status: 0, message: 'Could not reach the server. Check your connection and try again.' }
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null)
  if (res.ok) return { ok: true, data: data as T }
  const message = (data as { error?: { message?: string } } | null)?.error?.message ?? `Request failed (${res.status}).`
  return { ok: false, status: res.status, message }
}
