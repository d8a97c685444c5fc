// The module reader's terminal dock: a learner runs module 3's runnable blocks into their playground terminal and reads
// the output in xterm.js's rows; typing, Ctrl-C, minimise/close/reopen (the screen comes back by redraw) and the page padding.
import { gzipSync } from 'node:zlib'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page, type Response } from '@playwright/test'
import { signUpViaApi } from '../support/accounts'

/** A string only xterm.js's code contains. */
const XTERM_MARK = 'xterm-helper-textarea'

/** Every script the page loads from now on, with its body (to find xterm.js and to weigh what loaded). */
function recordScripts(page: Page): { url: string; body: string }[] {
  const scripts: { url: string; body: string }[] = []
  page.on('response', (res: Response) => {
    if (res.request().resourceType() !== 'script') return
    void res.text().then((body) => scripts.push({ url: res.url(), body }), () => {})
  })
  return scripts
}

const gzipKb = (scripts: { body: string }[]) => Math.round(scripts.reduce((n, s) => n + gzipSync(s.body).length, 0) / 1024)

/** The text of the terminal's visible rows (xterm.js's DOM renderer draws one div per row). */
function terminalRows(page: Page) {
  return page.locator('.lab-terminal-screen .xterm-rows')
}

test('a runnable block typed into the dock runs, and the terminal behaves like one', async ({ page, baseURL }) => {
  test.setTimeout(120_000)
  await signUpViaApi(page.request, baseURL!, 'Dora Dock')
  const scripts = recordScripts(page)
  await page.goto('/modules/03-traffic-management')
  await expect(page.getByRole('region', { name: 'Terminal dock' })).toHaveCount(0)
  await page.waitForLoadState('networkidle')
  // The module page ships no xterm.js until the dock opens.
  const initial = scripts.splice(0)
  expect(initial.filter((s) => s.body.includes(XTERM_MARK)).map((s) => s.url)).toEqual([])

  // The first block sets up Istio and the samples; its last command waits for every pod.
  const blocks = page.locator('.md-run')
  await blocks.nth(0).getByRole('button', { name: 'Run in terminal' }).click()
  const dock = page.getByRole('region', { name: 'Terminal dock' })
  await expect(dock).toBeVisible()
  const rows = terminalRows(page)
  await expect(rows).toContainText(/pod\/sleep-\S+ condition met/, { timeout: 60_000 })
  expect(scripts.some((s) => s.body.includes(XTERM_MARK))).toBe(true)
  console.log(`module page JS: ${gzipKb(initial)} KB gzip before the dock opens, ${gzipKb(scripts)} KB gzip more when it opens`)

  // The second block counts which reviews versions answer: its output is the proof the mesh ran.
  await blocks.nth(1).getByRole('button', { name: 'Run in terminal' }).click()
  await expect(rows).toContainText(/\d+ reviews-v[123]/, { timeout: 20_000 }) // uniq -c: which versions answered varies

  // Typing reaches the shell, and Ctrl-C interrupts the foreground command.
  await page.locator('.lab-terminal-screen').click()
  await page.keyboard.type('sleep 100')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Control+c')
  await page.keyboard.type('echo after-interrupt')
  await page.keyboard.press('Enter')
  await expect(rows).toContainText(/\^C[\s\S]*after-interrupt/, { timeout: 5_000 })

  // With the dock open the page still has no serious accessibility violations.
  const axe = await new AxeBuilder({ page }).analyze()
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')})`)).toEqual([])

  // The page is padded by the dock's height, so the end of the text can scroll above it.
  const dockHeight = await dock.evaluate((el) => el.getBoundingClientRect().height)
  const padding = await page.evaluate(() => parseFloat(getComputedStyle(document.body).paddingBottom))
  expect(Math.abs(padding - dockHeight)).toBeLessThan(2)

  // Minimise keeps the session; close and reopen attaches again and the server redraws the same screen.
  await dock.getByRole('button', { name: 'Minimise' }).click()
  await expect(page.locator('.lab-terminal-screen')).toBeHidden()
  await dock.getByRole('button', { name: 'Restore' }).click()
  await expect(rows).toContainText('after-interrupt')
  await dock.getByRole('button', { name: 'Close' }).click()
  await expect(dock).toHaveCount(0)
  // Closed, only the toggle button stays, and the padding shrinks to what it covers.
  const toggle = page.getByRole('button', { name: 'Terminal', exact: true })
  const toggleSpace = await toggle.evaluate((el) => window.innerHeight - el.getBoundingClientRect().top)
  await expect.poll(() => page.evaluate(() => parseFloat(getComputedStyle(document.body).paddingBottom))).toBeCloseTo(toggleSpace, 0)
  await toggle.click()
  await expect(terminalRows(page)).toContainText('after-interrupt', { timeout: 15_000 })
})

test('right-click pastes a multi-line text (both lines run) and copies a selection', async ({ page, baseURL, context }) => {
  test.setTimeout(60_000)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! })
  await signUpViaApi(page.request, baseURL!, 'Cora Clip')
  await page.goto('/modules/03-traffic-management')
  await page.getByRole('button', { name: 'Terminal', exact: true }).click()
  const screen = page.locator('.lab-terminal-screen')
  const rows = terminalRows(page)
  await expect(rows).toContainText('$', { timeout: 15_000 })

  // Two lines pasted at once (xterm.js brackets them: the sim's line editor turned mode 2004 on); both run.
  await page.evaluate(() => navigator.clipboard.writeText('echo first-$HOME\necho second-line\n'))
  await screen.click({ button: 'right' })
  await expect(rows).toContainText(/first-\/home\/\S+[\s\S]*second-line/, { timeout: 5_000 })

  // Select the start of the first row with the mouse, then right-click: the selection goes to the clipboard.
  const box = (await page.locator('.lab-terminal-screen .xterm-screen').boundingBox())!
  await page.mouse.move(box.x + 4, box.y + 6)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2, box.y + 6, { steps: 5 })
  await page.mouse.up()
  await screen.click({ button: 'right' })
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied.trim().length).toBeGreaterThan(3)
  expect(await rows.textContent()).toContain(copied.trim())
})

test('"Open in editor" puts a module manifest into the dock\'s editor, which applies it in the playground', async ({ page, baseURL }) => {
  test.setTimeout(120_000)
  await signUpViaApi(page.request, baseURL!, 'Eddie Editor')
  await page.goto('/modules/03-traffic-management')
  await page.locator('article[data-interactive]').waitFor()
  const block = page.locator('.md-editor[data-file="reviews-canary.yaml"]')
  await block.getByRole('button', { name: 'Open in editor' }).click()
  const dock = page.getByRole('region', { name: 'Terminal dock' })
  const editor = dock.getByTestId('dock-editor')
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 })
  // Monaco draws only the lines in view; the dock shows the top of the manifest.
  await expect(editor.locator('.view-lines')).toContainText('subset: v1')
  // The playground has no Istio: kubectl refuses the VirtualService kind, and the editor shows kubectl's words.
  await editor.getByRole('button', { name: 'Apply' }).click()
  await expect(editor).toContainText(/no matches for kind "VirtualService"|ensure CRDs are installed first/, { timeout: 15_000 })
  await dock.getByRole('button', { name: 'Terminal', exact: true }).click()
  await expect(page.locator('.lab-terminal-screen')).toBeVisible()
})
