// Sign-in page; signed-in visitors go straight on.
import { redirect } from 'next/navigation'
import { currentUser, safeReturnPath } from '@/lib/auth/page-session'
import { AuthForm } from '../auth-form'

export const metadata = { title: 'Sign in' }

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeReturnPath((await searchParams).next)
  if (await currentUser()) redirect(next)
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-6 text-2xl font-semibold">Sign in to Mesh Dojo</h1>
      <AuthForm mode="sign-in" next={next} />
    </div>
  )
}
