// Pages share the API's loaders: their ApiErrors become the page's 404 and 403 screens.
import { forbidden, notFound } from 'next/navigation'
import { ApiError } from '@/lib/api/api-error'

/** Awaits a loader that throws ApiError; not_found renders 404, forbidden renders 403, anything else propagates. */
export async function pageData<T>(loader: Promise<T>): Promise<T> {
  try {
    return await loader
  } catch (e) {
    if (e instanceof ApiError && e.code === 'not_found') notFound()
    if (e instanceof ApiError && e.code === 'forbidden') forbidden()
    throw e
  }
}
