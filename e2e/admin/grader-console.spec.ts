// The grader console in Chromium: a learner of the cohort types a command in a lab and submits; the cohort's grader
// replays the recording, seeks to the command from the timeline, overrides the score with a comment and finds it in
// the CSV export; a grader outside the cohort gets 403.
import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test'
import { signUpViaApi } from '../support/accounts'

const LAB = 'kubernetes-basics'
const COMMAND = 'kubectl get nodes'
const COMMENT = 'Checked the recording: nodes listed, partial credit, "manual"'

async function grader(browser: Browser, baseURL: string, admin: APIRequestContext, name: string) {
  const ctx = await browser.newContext({ storageState: undefined })
  const account = await signUpViaApi(ctx.request, baseURL, name)
  const promoted = await admin.patch(`/api/admin/users/${account.user.id}`, { data: { role: 'grader' }, headers: { origin: baseURL } })
  expect(promoted.status()).toBe(200)
  return ctx
}

async function join(api: APIRequestContext, baseURL: string, code: string) {
  const res = await api.post('/api/cohorts/join', { data: { code }, headers: { origin: baseURL } })
  expect(res.status()).toBe(200)
}

test('a grader replays an attempt, seeks to a command, overrides the score and exports it; a foreign grader gets 403', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000)
  const origin = baseURL!
  const created = await page.request.post('/api/cohorts', { data: { name: `Grading ${Date.now()}` }, headers: { origin } })
  expect(created.status()).toBe(201)
  const { cohort, inviteUrl } = (await created.json()) as { cohort: { id: string; name: string }; inviteUrl: string }
  const code = inviteUrl.split('/').at(-1)!
  const gradeCtx = await grader(browser, origin, page.request, 'Gina Grader')
  await join(gradeCtx.request, origin, code)
  const foreignCtx = await grader(browser, origin, page.request, 'Fred Foreign')

  // The learner: joins, starts the lab, types one command in the terminal, submits.
  const learnerCtx = await browser.newContext({ storageState: undefined })
  const learner = await signUpViaApi(learnerCtx.request, origin, 'Lea Learner')
  await join(learnerCtx.request, origin, code)
  const lp = await learnerCtx.newPage()
  await lp.goto(`/labs/${LAB}`)
  await lp.getByTestId('open-workbench').click()
  await lp.getByRole('button', { name: 'Start lab' }).click()
  await expect(lp.locator('.lab-terminal-screen .xterm-rows')).toContainText('$ ', { timeout: 30_000 })
  await lp.locator('.lab-terminal-screen').click()
  await lp.keyboard.type(COMMAND)
  await lp.keyboard.press('Enter')
  await expect(lp.locator('.lab-terminal-screen .xterm-rows')).toContainText('Ready', { timeout: 15_000 })
  await lp.getByRole('button', { name: 'Submit for grading' }).click()
  await expect(lp.getByTestId('lab-score')).toHaveText(/Score: \d+ of \d+ points\./, { timeout: 30_000 })

  // The grader: the queue, filtered to the cohort, links to the attempt.
  const gp = await gradeCtx.newPage()
  await gp.goto('/grader/attempts')
  await gp.getByLabel('Cohort').selectOption(cohort.id)
  await gp.getByRole('button', { name: 'Filter' }).click()
  await expect(gp).toHaveURL(new RegExp(`cohort=${cohort.id}`))
  await gp.getByTestId('attempt-queue').getByRole('link', { name: learner.name }).click()
  await expect(gp.getByRole('heading', { name: new RegExp(`^${learner.name}:`) })).toBeVisible()
  const attemptId = gp.url().split('/').at(-1)!

  // The recording plays in asciinema-player; the timeline's command seeks it.
  await expect(gp.getByTestId('recording-player').locator('.ap-player')).toBeVisible({ timeout: 15_000 })
  const detail = await (await gradeCtx.request.get(`/api/attempts/${attemptId}`)).json()
  const typed = detail.attempt.recordings.flatMap((r: { commands: { time: number; command: string }[] }) => r.commands).find((c: { command: string }) => c.command === COMMAND)
  expect(typed).toBeTruthy()
  await gp.getByTestId('command-timeline').getByRole('button', { name: new RegExp(COMMAND) }).click()
  const clock = `${Math.floor(typed.time / 60)}:${String(Math.floor(typed.time) % 60).padStart(2, '0')}`
  await expect(gp.getByTestId('replay-status')).toHaveText(`At ${clock}`)
  await gp.getByTestId('replay-speed').selectOption('2')
  await expect(gp.getByTestId('replay-status')).toContainText('speed 2×')

  // Override with a required comment; the history shows it.
  await gp.getByLabel(/^Score/).fill('1')
  await gp.getByRole('button', { name: 'Override score' }).click()
  await expect(gp.getByTestId('override-form').getByRole('alert')).toContainText('at least')
  await gp.getByLabel(/^Why/).fill(COMMENT)
  await gp.getByRole('button', { name: 'Override score' }).click()
  await expect(gp.getByTestId('attempt-score')).toContainText('1 /')
  await expect(gp.getByTestId('override-history')).toContainText(COMMENT)
  const axe = await new AxeBuilder({ page: gp }).exclude('.grader-player').analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])

  // The cohort's CSV carries the override.
  await gp.goto(`/grader/attempts?cohort=${cohort.id}`)
  const [download] = await Promise.all([gp.waitForEvent('download'), gp.getByRole('link', { name: 'Download grades (CSV)' }).click()])
  const csv = readFileSync((await download.path())!, 'utf8')
  expect(csv.split('\r\n')[0]).toBe('learner,email,lab,status,score,maxScore,override,comment,submittedAt')
  const row = csv.split('\r\n').find((l) => l.startsWith(`${learner.name},`))
  expect(row).toContain(`${learner.email},${LAB},graded,1,`)
  expect(row).toContain(`"${COMMENT.replaceAll('"', '""')}"`)

  // A grader outside the cohort: 403 from the API and the page.
  expect((await foreignCtx.request.get(`/api/attempts/${attemptId}`)).status()).toBe(403)
  const fp = await foreignCtx.newPage()
  // The page streams behind the group's loading.tsx, so its 403 is the rendered forbidden page, not the HTTP status.
  await fp.goto(`/grader/attempts/${attemptId}`)
  await expect(fp.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible()
  await expect(fp.getByText(COMMENT)).toHaveCount(0)
  for (const ctx of [gradeCtx, foreignCtx, learnerCtx]) await ctx.close()
})
