// Rendered with HTTP 404 for unknown pages.
import Link from 'next/link'

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <Link href="/" className="btn-primary mt-6">Go home</Link>
    </div>
  )
}
