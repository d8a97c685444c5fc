'use client'
// Signs out through the API, then leaves for the home page.
import { useState } from 'react'
import { sendJson } from '@/lib/client/post-json'

export function SignOutButton() {
  const [busy, setBusy] = useState(false)
  async function signOut() {
    setBusy(true)
    await sendJson('POST', '/api/auth/sign-out')
    window.location.assign('/')
  }
  return (
    <button type="button" className="btn-secondary" onClick={signOut} disabled={busy}>
      Sign out
    </button>
  )
}
