// Staff who preview content see the module's content-check result in the page; learners do not.
import { expect, test } from '@playwright/test'

test('an admin previewing a module sees its content check', async ({ page }) => {
  await page.goto('/modules/04-security')
  await expect(page.getByTestId('content-check')).toContainText('Content check: no problems')
  const version = await page.request.get('/api/content/version')
  expect(version.status()).toBe(200)
  expect((await version.json()).version).toBeGreaterThan(0)
})
