// Test data helpers: unique accounts created through the real API.
import type { APIRequestContext } from '@playwright/test'

let counter = 0

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${++counter}@example.test`
}

export const TEST_PASSWORD = 'correct horse battery staple'

export async function signUpViaApi(api: APIRequestContext, baseURL: string, name: string) {
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, '-'))
  const res = await api.post('/api/auth/sign-up', { data: { email, name, password: TEST_PASSWORD }, headers: { origin: baseURL } })
  if (res.status() !== 201) throw new Error(`sign-up failed: ${res.status()} ${await res.text()}`)
  return { email, name, password: TEST_PASSWORD, user: (await res.json()).user as { id: string } }
}
