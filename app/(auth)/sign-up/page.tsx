// Sign-up page: new accounts are learners; an admin grants other roles.
import { redirect } from 'next/navigation'
import { currentUser, safeReturnPath } from '@/lib/auth/page-session'
import { AuthForm } from '../auth-form'

export const metadata = { title: 'Create an account' }

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeReturnPath((await searchParams).next)
  if (await currentUser()) redirect(next)
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-6 text-2xl font-semibold">Create your account</h1>
      <AuthForm mode="sign-up" next={next} />
    </div>
  )
}
