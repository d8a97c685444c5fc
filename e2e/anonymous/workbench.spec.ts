// The lab workbench in Chromium: a learner solves the mTLS lab by typing in the terminal and watches each task tick,
// submits and sees the score; the browser preview shows Bookinfo through the ingress; axe finds no serious violations.
import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { parse } from 'yaml'
import { signUpViaApi } from '../support/accounts'
import { setEditorText } from '../support/monaco'

// The editor test pastes text (typed text would be auto-indented by Monaco).
test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

interface LabFile { tasks: { id: string; solution: string }[] }

function lab(path: string): LabFile {
  return parse(readFileSync(`content/modules/${path}/lab.yaml`, 'utf8')) as LabFile
}

async function startWorkbench(page: Page, slug: string): Promise<void> {
  await page.goto(`/labs/${slug}`)
  await page.getByTestId('open-workbench').click()
  await page.getByRole('button', { name: 'Start lab' }).click()
  await expect(page.getByTestId('workbench')).toBeVisible({ timeout: 30_000 })
  await expect(page.locator('.lab-terminal-screen .xterm-rows')).toContainText('$ ', { timeout: 30_000 })
}

/** Types a script into the terminal line by line, as a learner pasting it would. */
async function typeInTerminal(page: Page, script: string): Promise<void> {
  await page.locator('.lab-terminal-screen').click()
  for (const line of script.trimEnd().split('\n')) {
    await page.keyboard.type(line)
    await page.keyboard.press('Enter')
  }
}

test('a learner solves the mTLS lab in the terminal, sees each task tick, and submits for a score', async ({ page, baseURL }) => {
  test.setTimeout(180_000)
  await signUpViaApi(page.request, baseURL!, 'Mia Mtls')
  await startWorkbench(page, 'mutual-tls')
  const tasks = page.getByTestId('lab-tasks')
  const { tasks: specs } = lab('04-security/labs/mutual-tls')
  for (const t of specs) await expect(tasks.locator(`li[data-task-id="${t.id}"]`)).toHaveAttribute('data-status', 'pending')

  for (const [i, t] of specs.entries()) {
    await typeInTerminal(page, t.solution)
    await expect(tasks.locator(`li[data-task-id="${t.id}"]`)).toHaveAttribute('data-status', 'passed', { timeout: 30_000 })
    for (const later of specs.slice(i + 1)) await expect(tasks.locator(`li[data-task-id="${later.id}"]`)).toHaveAttribute('data-status', 'pending')
  }
  await page.getByRole('button', { name: 'Submit for grading' }).click()
  await expect(page.getByTestId('lab-score')).toHaveText(/Score: (\d+) of \1 points\./, { timeout: 30_000 })
  await expect(page.getByRole('button', { name: 'Submit for grading' })).toBeDisabled()
})

const CANARY_90_10 = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 90
    - destination:
        host: reviews
        subset: v3
      weight: 10
`

test('a learner writes the canary VirtualService in the editor, applies it, sees the 90/10 split on the graph and the task tick, and submits', async ({ page, baseURL }) => {
  test.setTimeout(180_000)
  await signUpViaApi(page.request, baseURL!, 'Cass Canary')
  await startWorkbench(page, 'canary-release')
  await page.getByRole('tab', { name: 'Editor' }).click()
  const editor = page.locator('.monaco-editor').first()
  await expect(editor).toBeVisible({ timeout: 30_000 })
  await setEditorText(page, CANARY_90_10)
  await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByText('virtualservice.networking.istio.io/reviews configured')).toBeVisible({ timeout: 15_000 })

  await expect(page.getByTestId('lab-tasks').locator('li[data-task-id="canary-10"]')).toHaveAttribute('data-status', 'passed', { timeout: 30_000 })
  await page.getByRole('tab', { name: 'Mesh graph' }).click()
  await page.getByRole('button', { name: 'Show as table' }).click()
  const rows = page.locator('#tool-panel-graph table tbody tr')
  await expect(rows.filter({ hasText: /reviews v1/ }).filter({ hasText: '90%' }).first()).toBeVisible({ timeout: 15_000 })
  await expect(rows.filter({ hasText: /reviews v3/ }).filter({ hasText: '10%' }).first()).toBeVisible()

  await page.getByRole('button', { name: 'Submit for grading' }).click()
  await expect(page.getByTestId("lab-score")).toHaveText(/Score: [1-9]\d* of \d+ points\./, { timeout: 30_000 })
})

test('the browser preview shows Bookinfo through the ingress gateway, in a sandboxed frame', async ({ page, baseURL }) => {
  test.setTimeout(120_000)
  await signUpViaApi(page.request, baseURL!, 'Pia Preview')
  await startWorkbench(page, 'request-routing')
  await typeInTerminal(page, 'kubectl apply -f samples/bookinfo/networking/bookinfo-gateway.yaml')
  await expect(page.locator('.lab-terminal-screen .xterm-rows')).toContainText('virtualservice.networking.istio.io/bookinfo created')
  await page.getByRole('tab', { name: 'Preview' }).click()
  const address = page.getByLabel('Address')
  await expect(address).toHaveValue(/^http:\/\/[\d.]+(:\d+)?\/productpage$/)
  const frame = page.frameLocator('iframe[title="Browser preview"]')
  await expect(async () => {
    await page.getByRole('button', { name: 'Go' }).click()
    await expect(frame.getByRole('heading', { name: 'The Comedy of Errors' })).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
  await expect(page.locator('iframe[title="Browser preview"]')).toHaveAttribute('sandbox', 'allow-forms')

  // kubectl port-forward in the terminal opens the preview at the forwarded local port.
  await page.getByRole('tab', { name: 'Cluster' }).click()
  await typeInTerminal(page, 'kubectl port-forward svc/productpage 8080:9080')
  await expect(page.getByRole('tab', { name: 'Preview' })).toHaveAttribute('aria-selected', 'true', { timeout: 10_000 })
  await expect(address).toHaveValue('http://localhost:8080/')
  // Its root-relative links stay inside the preview.
  await frame.getByRole('link', { name: 'Normal user' }).click({ timeout: 10_000 })
  await expect(frame.getByRole('heading', { name: 'The Comedy of Errors' })).toBeVisible({ timeout: 10_000 })
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the workbench has no serious accessibility violations in ${colorScheme} mode`, async ({ page, baseURL }) => {
    test.setTimeout(90_000)
    await page.emulateMedia({ colorScheme })
    await signUpViaApi(page.request, baseURL!, `Axel Bench ${colorScheme}`)
    await startWorkbench(page, 'request-routing')
    for (const tab of ['Mesh graph', 'Cluster', 'Telemetry', 'Preview']) {
      await page.getByRole('tab', { name: tab }).click()
      const results = await new AxeBuilder({ page }).analyze()
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      expect(serious.map((v) => `${tab}: ${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')})`)).toEqual([])
    }
  })
}

for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
  test(`the workbench fits ${viewport.width}x${viewport.height} and its panes load without layout shift`, async ({ page, baseURL }) => {
    test.setTimeout(90_000)
    await page.setViewportSize(viewport)
    await signUpViaApi(page.request, baseURL!, `Vera Viewport ${viewport.width}`)
    await startWorkbench(page, 'request-routing')
    await page.waitForTimeout(2_000)
    for (const name of ['Instructions', 'Terminal', 'Tools']) {
      const box = (await page.getByRole('region', { name, exact: true }).boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 1)
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 1)
      expect(box.width).toBeGreaterThan(viewport.width * 0.15)
    }
    // Cumulative layout shift since navigation, as Chromium reports it (0.1 is the "good" threshold).
    const cls = await page.evaluate(() => new Promise<number>((resolve) => {
      let total = 0
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) total += e.value
      }).observe({ type: 'layout-shift', buffered: true })
      setTimeout(() => resolve(total), 500)
    }))
    expect(cls).toBeLessThan(0.1)
  })
}
