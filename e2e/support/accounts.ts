// Test data helpers: unique accounts created through the real API.
import type { APIRequestContext } from '@playwright/test'

let counter = 0

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${++counter}@example.test`
}

export const TEST_PASSWORD = 'correct horse battery staple'

/** A made-up client address per account (the e2e server trusts X-Forwarded-For), so sign-up throttling counts each apart. */
function testAddress(): string {
  const octet = () => 1 + Math.floor(Math.random() * 254)
  return `10.${octet()}.${octet()}.${octet()}`
}

export async function signUpViaApi(api: APIRequestContext, baseURL: string, name: string) {
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, '-'))
  const res = await api.post('/api/auth/sign-up', { data: { email, name, password: TEST_PASSWORD }, headers: { origin: baseURL, 'x-forwarded-for': testAddress() } })
  if (res.status() !== 201) throw new Error(`sign-up failed: ${res.status()} ${await res.text()}`)
  return { email, name, password: TEST_PASSWORD, user: (await res.json()).user as { id: string } }
}
