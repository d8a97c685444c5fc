// The root layout: header with navigation for the signed-in role.
import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { currentUser } from '@/lib/auth/page-session'
import { ROLE_LABELS } from '@/lib/auth/roles'
import { navFor } from '@/lib/navigation'
import { SignOutButton } from './_components/sign-out-button'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Mesh Dojo', template: '%s · Mesh Dojo' },
  description: 'Hands-on Kubernetes and Istio training in the browser.',
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser()
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 dark:border-slate-800">
          <nav aria-label="Main" className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4">
            <Link href="/" className="flex items-center gap-2 font-semibold">
              <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-brand-600" />
              Mesh Dojo
            </Link>
            {user && (
              <ul className="flex items-center gap-4 text-sm">
                {navFor(user.role).map((item) => (
                  <li key={item.href}>
                    <Link href={item.href} className="text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            <div className="ml-auto flex items-center gap-3 text-sm">
              {user ? (
                <>
                  <span className="text-slate-600 dark:text-slate-300" data-testid="whoami">
                    {user.name} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{ROLE_LABELS[user.role]}</span>
                  </span>
                  <SignOutButton />
                </>
              ) : (
                <>
                  <Link href="/sign-in" className="btn-secondary">Sign in</Link>
                  <Link href="/sign-up" className="btn-primary">Sign up</Link>
                </>
              )}
            </div>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  )
}
