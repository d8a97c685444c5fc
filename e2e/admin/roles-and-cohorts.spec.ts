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

  // The learner answers a knowledge check; the cohort's instructor sees the answer on the learner's page.
  await lp.goto('/modules/03-traffic-management')
  await lp.locator('article[data-interactive]').waitFor()
  const quiz = lp.locator('form.md-quiz-form').first()
  const question = (await quiz.locator('legend').innerText()).replace(' (select all that apply)', '')
  await quiz.locator('input').first().check()
  await quiz.getByRole('button', { name: 'Check answer' }).click()
  await expect(quiz.locator('.md-quiz-feedback p')).toBeVisible()

  await page.getByRole('link', { name: 'Istio bootcamp' }).first().click()
  await page.getByRole('link', { name: 'Jo Joiner', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Jo Joiner' })).toBeVisible()
  const review = page.getByTestId('quiz-review-03-traffic-management')
  await expect(review.locator('summary')).toContainText('1 of')
  const answered = review.locator('li[data-quiz-id]').filter({ hasText: question }).first()
  await expect(answered.getByText('picked')).toBeVisible()
  await expect(answered.getByText(/^(Right|Wrong) · answered/)).toBeVisible()
  for (const ctx of [instructorCtx, adminCtx, learnerCtx]) await ctx.close()
})
