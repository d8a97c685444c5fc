// Staff who preview content see the module's or lab's content-check result in the page; learners do not.
import { expect, test } from '@playwright/test'
import { signUpViaApi } from '../support/accounts'

test('an admin previewing a module sees its content check', async ({ page }) => {
  await page.goto('/modules/04-security')
  await expect(page.getByTestId('content-check')).toContainText('Content check: no problems')
  const version = await page.request.get('/api/content/version')
  expect(version.status()).toBe(200)
  expect((await version.json()).version).toBeGreaterThan(0)
})

test('an admin previewing a lab sees its tasks in full and verifies it with the honesty gate', async ({ page, browser, baseURL }) => {
  await page.goto('/labs/request-routing')
  await expect(page.getByTestId('content-check')).toContainText('Content check: no problems')
  const view = page.getByTestId('lab-instructor-view')
  await view.locator('details[data-task-id="all-v1"] summary').click()
  await expect(view.locator('details[data-task-id="all-v1"]')).toContainText('destination-rule-all.yaml')
  await page.getByRole('button', { name: 'Verify lab on the sim' }).click()
  await expect(page.getByTestId('lab-verify').getByRole('status')).toContainText('Honest', { timeout: 30_000 })

  // A learner sees the overview, not the instructor's view.
  const anon = await browser.newContext({ storageState: undefined })
  await signUpViaApi(anon.request, baseURL!, 'Lab Learner')
  const learner = await anon.newPage()
  await learner.goto('/labs/request-routing')
  await expect(learner.getByRole('heading', { name: 'Request routing' })).toBeVisible()
  await expect(learner.getByTestId('lab-instructor-view')).toHaveCount(0)
  await anon.close()
})
