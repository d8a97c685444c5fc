// The instructor console end to end: an instructor creates a cohort and copies its link, assigns a lab with a due date;
// a learner joins, sees the assignment and completes the lab through the lab session API (start, apply the
// solution's manifests through the session's driver, take a hint, submit); the instructor's matrix shows it graded
// with its score, the lab's statistics count it, and the CSV export contains it.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { signUpViaApi } from '../support/accounts'

const LAB = 'request-routing'
const MODULE = '03-traffic-management'
const sample = (name: string) => readFileSync(path.join('content/samples/bookinfo/networking', name), 'utf8')

test('an instructor follows a learner through assignment, lab, matrix, statistics and CSV', async ({ browser, baseURL }) => {
  test.setTimeout(120_000)
  const instructorCtx = await browser.newContext({ storageState: undefined, permissions: ['clipboard-read', 'clipboard-write'] })
  const instructor = await signUpViaApi(instructorCtx.request, baseURL!, 'Nia Instructor')
  const adminCtx = await browser.newContext({ storageState: 'e2e/.state/admin.json' })
  expect((await adminCtx.request.patch(`/api/admin/users/${instructor.user.id}`, { data: { role: 'instructor' }, headers: { origin: baseURL! } })).status()).toBe(200)

  // The instructor creates the cohort and copies its invitation link.
  const page = await instructorCtx.newPage()
  await page.goto('/instructor/cohorts')
  const cohortName = `Console ${Date.now().toString(36)}`
  await page.getByLabel('Name').fill(cohortName)
  await page.getByRole('button', { name: 'Create cohort' }).click()
  await page.getByRole('status').getByRole('button', { name: /copy/i }).click()
  const link = await page.evaluate(() => navigator.clipboard.readText())
  expect(link).toBe(await page.getByTestId('invite-url').inputValue())

  // ... and assigns the lab with a due date from the cohort page's console links.
  await page.getByRole('link', { name: cohortName }).first().click()
  await page.getByTestId('cohort-console').getByRole('link', { name: 'Assignments' }).click()
  await page.getByLabel('Module or lab').selectOption(`lab:${MODULE}:${LAB}`)
  await page.getByLabel('Due (optional, your time zone)').fill('2030-06-01T17:00')
  const posted = page.waitForResponse((r) => r.url().endsWith('/assignments') && r.request().method() === 'POST')
  await page.getByRole('button', { name: 'Assign', exact: true }).click()
  const answer = await posted
  expect(answer.status(), await answer.text()).toBe(201)
  await expect(page.getByTestId('assignments')).toContainText('Request routing', { ignoreCase: true })

  // The learner joins through the link, sees the assignment and completes the lab.
  const learnerCtx = await browser.newContext({ storageState: undefined })
  const learner = await signUpViaApi(learnerCtx.request, baseURL!, 'Lou Learner')
  const lp = await learnerCtx.newPage()
  await lp.goto(link)
  await lp.getByRole('button', { name: 'Join cohort' }).click()
  await expect(lp).toHaveURL(/\/dashboard$/)
  await expect(lp.getByTestId('my-assignments')).toContainText(/due \d+ Jun 2030/)

  const api = learnerCtx.request
  const headers = { origin: baseURL! }
  const started = await api.post('/api/lab-sessions', { data: { lab: LAB }, headers })
  expect(started.status()).toBe(201)
  const id = (await started.json()).session.id as string
  expect((await api.post(`/api/lab-sessions/${id}/hints`, { data: { taskId: 'all-v1' }, headers })).status()).toBe(200)
  for (const file of ['destination-rule-all.yaml', 'virtual-service-all-v1.yaml', 'virtual-service-reviews-test-v2.yaml']) {
    const applied = await api.post(`/api/lab-sessions/${id}/apply`, { data: { text: sample(file) }, headers })
    expect((await applied.json()).ok, file).toBe(true)
  }
  const submitted = await api.post(`/api/lab-sessions/${id}/submit`, { data: {}, headers })
  const { attempt } = await submitted.json()
  expect(attempt).toMatchObject({ status: 'graded', maxScore: expect.any(Number) })
  expect(attempt.score).toBe(attempt.maxScore)

  // The instructor's matrix shows the attempt graded with its score.
  await page.goto('/instructor/cohorts')
  await page.getByRole('link', { name: cohortName }).first().click()
  await page.getByTestId('cohort-console').getByRole('link', { name: 'Progress matrix' }).click()
  const row = page.locator(`tr[data-learner="${learner.email}"]`)
  const cell = row.locator(`td[data-column="${LAB}"]`)
  await expect(cell).toHaveAttribute('data-state', 'graded')
  await expect(cell.getByTestId('cell-score')).toHaveText(`${attempt.score}/${attempt.maxScore}`)
  await expect(row.locator('td[data-column="fault-injection"]')).toHaveAttribute('data-state', 'not_started')

  // Filters run on the server and keep the learner.
  await page.getByLabel('State').selectOption('graded')
  await page.getByLabel('In', { exact: true }).selectOption(LAB)
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(page).toHaveURL(new RegExp(`state=graded&column=${LAB}`))
  await expect(page.locator('tr[data-learner]')).toHaveCount(1)

  // The lab's statistics count the completion.
  await page.getByRole('link', { name: /stats for Request routing/i }).click()
  await expect(page.getByTestId('lab-stats')).toContainText('100%')
  await expect(page.getByTestId('lab-stats')).toContainText('1 of 1 learners scored full marks')

  // The CSV export (with the page's filters) contains the learner's graded score.
  await page.goBack()
  const href = await page.getByTestId('export-csv').getAttribute('href')
  const csv = await instructorCtx.request.get(href!)
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/)
  const [header, line] = (await csv.text()).split('\r\n')
  const cols = header!.split(',')
  const fields = line!.split(',')
  expect(fields.slice(0, 2)).toEqual([learner.name, learner.email])
  expect([fields[cols.indexOf(LAB)], fields[cols.indexOf(`${LAB} score`)]]).toEqual(['graded', String(attempt.score)])

  // The console's pages and the learner's dashboard have no serious accessibility problems, light or dark.
  const cohortPath = new URL(page.url()).pathname.replace(/\/progress$/, '')
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    for (const at of [`${cohortPath}/progress`, `${cohortPath}/assignments`, `${cohortPath}/labs/${LAB}`, cohortPath]) {
      await page.goto(at)
      expect(await seriousViolations(page), `${at} (${colorScheme})`).toEqual([])
    }
    await lp.emulateMedia({ colorScheme })
    await lp.goto('/dashboard')
    expect(await seriousViolations(lp), `dashboard (${colorScheme})`).toEqual([])
  }

  await api.delete(`/api/lab-sessions/${id}`, { headers })
  for (const ctx of [instructorCtx, adminCtx, learnerCtx]) await ctx.close()
})

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  return serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')})`)
}
