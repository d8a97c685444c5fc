// The public home page: what Mesh Dojo is, and the way in.
import Link from 'next/link'
import { currentUser } from '@/lib/auth/page-session'
import { COURSE_OUTLINE } from '@/lib/course-outline'

const FEATURES = [
  { title: 'A real terminal beside the text', body: 'kubectl, istioctl, curl and fortio against a simulated Kubernetes and Istio that starts instantly — or a real kind cluster.' },
  { title: 'Graded as you go', body: 'Every lab checks what the mesh really does: traffic splits, injected faults, mTLS, authorization and JWT policies.' },
  { title: 'See the mesh react', body: 'A live service graph, Envoy config from istioctl proxy-config, and the metrics Grafana would show.' },
]

export default async function HomePage() {
  const user = await currentUser()
  return (
    <div className="space-y-12">
      <section className="py-8">
        <h1 className="max-w-3xl text-4xl font-semibold tracking-tight">Learn Kubernetes and Istio by running them.</h1>
        <p className="mt-4 max-w-2xl text-lg text-slate-600 dark:text-slate-400">
          Deploy Bookinfo, split canary traffic 90/10, route <code className="font-mono">end-user: jason</code> to v2, trip a circuit breaker and
          turn on STRICT mTLS — in your browser, graded automatically.
        </p>
        <div className="mt-6 flex gap-3">
          {user ? (
            <Link href="/dashboard" className="btn-primary">Go to your dashboard</Link>
          ) : (
            <>
              <Link href="/sign-up" className="btn-primary">Create an account</Link>
              <Link href="/sign-in" className="btn-secondary">Sign in</Link>
            </>
          )}
        </div>
      </section>
      <section aria-labelledby="features" className="grid gap-4 md:grid-cols-3">
        <h2 id="features" className="sr-only">Features</h2>
        {FEATURES.map((f) => (
          <div key={f.title} className="card">
            <h3 className="font-semibold">{f.title}</h3>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{f.body}</p>
          </div>
        ))}
      </section>
      <section aria-labelledby="course">
        <h2 id="course" className="text-xl font-semibold">The course</h2>
        <ol className="mt-4 grid gap-3 md:grid-cols-2">
          {COURSE_OUTLINE.map((m, i) => (
            <li key={m.slug} className="card">
              <span className="text-xs font-semibold text-brand-600">Module {i + 1}</span>
              <h3 className="font-medium">{m.title}</h3>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{m.summary}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  )
}
