// A learner opens module 3 from the dashboard, answers a knowledge check, reads the explanations, and finds the
// answer still there after a reload.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { signUpViaApi } from '../support/accounts'

test('answer a module quiz and see it persist after reload', async ({ page, baseURL }) => {
  await signUpViaApi(page.request, baseURL!, 'Quinn Quiz')
  await page.goto('/dashboard')
  await page.getByRole('link', { name: 'Traffic management' }).click()
  await expect(page).toHaveURL(/\/modules\/03-traffic-management$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Traffic management' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'On this page' })).toBeVisible()
  await expect(page.locator('.md-diagram svg').first()).toBeVisible()

  await page.locator('article[data-interactive]').waitFor()
  const quiz = page.locator('form.md-quiz-form').first()
  await quiz.locator('input').first().check()
  await quiz.getByRole('button', { name: 'Check answer' }).click()
  const feedback = quiz.locator('.md-quiz-feedback')
  await expect(feedback).toContainText(/Correct\.|Not quite\./)
  await expect(feedback.locator('li')).not.toHaveCount(0)
  const verdict = await feedback.locator('p').textContent()

  await page.reload()
  const again = page.locator('form.md-quiz-form').first()
  await expect(again.locator('input').first()).toBeChecked()
  await expect(again.locator('.md-quiz-feedback p')).toHaveText(verdict!)

  await page.getByRole('link', { name: 'Progress' }).click()
  const row = page.getByTestId('course-progress').getByRole('row', { name: /Traffic management/ })
  await expect(row).toContainText(/In progress/)
  await expect(row).toContainText(/1 of \d+ answered/)
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`module pages have no serious accessibility violations in ${colorScheme} mode`, async ({ page, baseURL }) => {
    await page.emulateMedia({ colorScheme })
    await signUpViaApi(page.request, baseURL!, `Ada Axe ${colorScheme}`)
    await page.goto('/modules/03-traffic-management')
    // An answered quiz too, so the feedback's colours are checked.
    await page.locator('article[data-interactive]').waitFor()
    const quiz = page.locator('form.md-quiz-form').first()
    await quiz.locator('input').first().check()
    await quiz.getByRole('button', { name: 'Check answer' }).click()
    await expect(quiz.locator('.md-quiz-feedback p')).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
    for (const path of ['/progress', '/course', '/labs/request-routing']) {
      await page.goto(path)
      expect(await seriousViolations(page), path).toEqual([])
    }
  })
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  return serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')})`)
}
