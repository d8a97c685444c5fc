// The admin promotes a learner; the new instructor creates a cohort whose
// invitation link a learner uses to join.
import { expect, test } from '@playwright/test'
import { signUpViaApi } from '../support/accounts'

test('admin promotes a learner to instructor and the change shows', async ({ page, browser, baseURL }) => {
  const anon = await browser.newContext({ storageState: undefined })
  const learner = await signUpViaApi(anon.request, baseURL!, 'Ira Instructor')

  await page.goto(`/admin/users?q=${encodeURIComponent(learner.email)}`)
  const select = page.getByLabel(`Role of ${learner.email}`)
  await expect(select).toHaveValue('learner')
  await select.selectOption('instructor')
  await expect(page.getByRole('status')).toHaveText('Ira Instructor is now instructor.')
  await page.reload()
  await expect(page.getByLabel(`Role of ${learner.email}`)).toHaveValue('instructor')

  // The promoted user's own session sees the new role at once.
  const me = await anon.request.get('/api/me')
  expect((await me.json()).user.role).toBe('instructor')
  const inst = await anon.newPage()
  await inst.goto('/instructor/cohorts')
  await expect(inst.getByRole('heading', { name: 'Cohorts', exact: true })).toBeVisible()
  await anon.close()
})

test('an instructor creates a cohort and a learner joins through its link', async ({ browser, baseURL }) => {
  const instructorCtx = await browser.newContext({ storageState: undefined })
  const instructor = await signUpViaApi(instructorCtx.request, baseURL!, 'Cora Cohort')
  const adminCtx = await browser.newContext({ storageState: 'e2e/.state/admin.json' })
  const promote = await adminCtx.request.patch(`/api/admin/users/${instructor.user.id}`, {
    data: { role: 'instructor' },
    headers: { origin: baseURL! },
  })
  expect(promote.status()).toBe(200)

  const page = await instructorCtx.newPage()
  await page.goto('/instructor/cohorts')
  await page.getByLabel('Name').fill('Istio bootcamp')
  await page.getByRole('button', { name: 'Create cohort' }).click()
  const link = await page.getByTestId('invite-url').inputValue()
  expect(link).toMatch(new RegExp(`^${baseURL}/join/[A-Za-z0-9_-]{16,}$`))

  const learnerCtx = await browser.newContext({ storageState: undefined })
  await signUpViaApi(learnerCtx.request, baseURL!, 'Jo Joiner')
  const lp = await learnerCtx.newPage()
  await lp.goto(link)
  await expect(lp.getByRole('heading', { name: 'Istio bootcamp' })).toBeVisible()
  await lp.getByRole('button', { name: 'Join cohort' }).click()
  await expect(lp).toHaveURL(/\/dashboard$/)
  await expect(lp.getByTestId('my-cohorts')).toContainText('Istio bootcamp')

  await page.getByRole('link', { name: 'Istio bootcamp' }).first().click()
  await expect(page.getByRole('cell', { name: 'Jo Joiner', exact: true })).toBeVisible()
  for (const ctx of [instructorCtx, adminCtx, learnerCtx]) await ctx.close()
})
