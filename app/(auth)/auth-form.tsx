'use client'
// The sign-in and sign-up form: posts JSON to the API and follows `next` on success.
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { FormError } from '@/app/_components/form-error'
import { sendJson } from '@/lib/client/post-json'

type Mode = 'sign-in' | 'sign-up'

export function AuthForm({ mode, next }: { mode: Mode; next: string }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    const form = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>
    const result = await sendJson('POST', `/api/auth/${mode}`, form)
    if (result.ok) return window.location.assign(next)
    setError(result.message)
    setBusy(false)
  }

  const signUp = mode === 'sign-up'
  return (
    <form onSubmit={submit} className="card space-y-4">
      {signUp && (
        <div>
          <label htmlFor="name" className="label">Name</label>
          <input id="name" name="name" className="input" autoComplete="name" required maxLength={100} />
        </div>
      )}
      <div>
        <label htmlFor="email" className="label">Email</label>
        <input id="email" name="email" type="email" className="input" autoComplete="email" required maxLength={254} />
      </div>
      <div>
        <label htmlFor="password" className="label">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          className="input"
          autoComplete={signUp ? 'new-password' : 'current-password'}
          required
          minLength={signUp ? 10 : 1}
          maxLength={256}
        />
        {signUp && <p className="mt-1 text-xs text-slate-500">At least 10 characters.</p>}
      </div>
      <FormError message={error} />
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        {busy ? 'Please wait…' : signUp ? 'Create account' : 'Sign in'}
      </button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        {signUp ? 'Already have an account? ' : 'New here? '}
        <Link className="text-brand-600 underline" href={`/${signUp ? 'sign-in' : 'sign-up'}?next=${encodeURIComponent(next)}`}>
          {signUp ? 'Sign in' : 'Create an account'}
        </Link>
      </p>
    </form>
  )
}
