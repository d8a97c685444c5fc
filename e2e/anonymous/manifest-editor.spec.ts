// The manifest editor in the lab workbench, in Chromium: Monaco from our own server only, schema squiggles, hover
// docs and completion, save, apply with kubectl's answer, and a `kubectl edit` finished from the editor.
//
import { expect, test, type Page } from '@playwright/test'
import { signUpViaApi } from '../support/accounts'
import { setEditorText as setText } from '../support/monaco'

const VS_BAD_WEIGHT = `apiVersion: networking.istio.io/v1
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
      weight: x
`

/** Hovers a word until the hover says `text` (validation runs in a worker, so the first hover may come before it). */
async function expectHover(page: Page, line: string, word: string, text: string): Promise<void> {
  await expect(async () => {
    await page.keyboard.press('Escape')
    await page.mouse.move(0, 0)
    await page.locator('.monaco-editor .view-line', { hasText: line }).locator('span', { hasText: word }).last().hover()
    await expect(page.locator('.monaco-hover', { hasText: text })).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
}

/** Starts a lab in the workbench and opens its Editor tab; returns the session id. */
async function openWorkbenchEditor(page: Page, slug: string): Promise<string> {
  await page.goto(`/labs/${slug}`)
  await page.getByTestId('open-workbench').click()
  await page.getByRole('button', { name: 'Start lab' }).click()
  await expect(page.getByTestId('workbench')).toBeVisible({ timeout: 30_000 })
  await page.getByRole('tab', { name: 'Editor' }).click()
  const sessions = (await (await page.request.get('/api/lab-sessions')).json()).sessions as { id: string; labSlug: string }[]
  return sessions.find((s) => s.labSlug === slug)!.id
}


/** Types into the session's terminal over its WebSocket from the page; the output collects in window.__terminal. */
async function typeInTerminal(page: Page, sessionId: string, line: string): Promise<void> {
  await page.evaluate(({ id, text }) => {
    const w = window as unknown as { __terminal: string; __ws?: WebSocket }
    w.__terminal ??= ''
    const send = () => w.__ws!.send(new TextEncoder().encode(text))
    if (w.__ws) return send()
    const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/ws/terminal/${id}`)
    ws.binaryType = 'arraybuffer'
    ws.onmessage = (m) => void (typeof m.data !== 'string' && (w.__terminal += new TextDecoder().decode(m.data)))
    ws.onopen = send
    w.__ws = ws
  }, { id: sessionId, text: line + '\r' })
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

test('edit, check, save and apply manifests, and finish a kubectl edit from the editor', async ({ page, baseURL }) => {
  test.setTimeout(120_000)
  const foreign: string[] = []
  page.on('request', (r) => !r.url().startsWith(baseURL!) && !/^(data|blob):/.test(r.url()) && foreign.push(r.url()))
  await signUpViaApi(page.request, baseURL!, 'Eli Editor')
  const sessionId = await openWorkbenchEditor(page, 'request-routing')
  const pane = page.getByRole('region', { name: 'Manifest editor' })
  const editor = pane.locator('.monaco-editor')
  await expect(editor.locator('.view-lines')).toBeVisible({ timeout: 30_000 })

  // yaml-language-server reports schema problems as warnings (yellow squiggles), YAML syntax errors as errors.
  await setText(page, VS_BAD_WEIGHT)
  await expect(editor.locator('.squiggly-warning')).toHaveCount(1, { timeout: 15_000 })
  await expectHover(page, 'weight: x', 'x', 'Incorrect type. Expected "integer"')
  await expectHover(page, 'hosts:', 'hosts', 'The destination hosts to which traffic is being sent.')

  await setText(page, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labelz: {}\n')
  await expect(editor.locator('.squiggly-warning')).toHaveCount(1, { timeout: 15_000 })
  await expectHover(page, 'labelz', 'labelz', 'Property labelz is not allowed')

  await setText(page, 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nspec:\n  h')
  await page.keyboard.press('Control+Space')
  await expect(page.locator('.suggest-widget')).toContainText('hosts', { timeout: 10_000 })
  await page.keyboard.press('Escape')

  await setText(page, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: colors\ndata:\n  sky: blue\n')
  await expect(pane.getByText('(unsaved changes)')).toBeAttached()
  await page.keyboard.press('ControlOrMeta+S')
  await expect(pane.getByRole('status')).toContainText('Saved /home/learner/manifest.yaml')
  await expect(pane.getByText('(unsaved changes)')).not.toBeAttached()
  const saved = await page.request.get(`/api/lab-sessions/${sessionId}/files?path=${encodeURIComponent('~/manifest.yaml')}`)
  expect((await saved.json()).text).toContain('sky: blue')

  await pane.getByRole('button', { name: 'Apply' }).click()
  await expect(pane.getByRole('status')).toContainText('configmap/colors created')
  await expect(pane.locator('[data-tone="ok"]')).toBeVisible()

  await typeInTerminal(page, sessionId, 'kubectl edit configmap colors')
  await expect(pane.getByRole('button', { name: 'Save and finish edit' })).toBeVisible({ timeout: 15_000 })
  await expect(pane.getByRole('toolbar', { name: 'Editor' })).toContainText('configmap/colors')
  await expect(editor.locator('.view-lines')).toContainText('sky: blue')
  const edited = await page.request.get(`/api/lab-sessions/${sessionId}/files?path=${encodeURIComponent('/tmp/kubectl-edit-1.yaml')}`)
  await setText(page, ((await edited.json()).text as string).replace('sky: blue', 'sky: grey'))
  await pane.getByRole('button', { name: 'Save and finish edit' }).click()
  await expect(pane.getByRole('status')).toContainText('kubectl edit carries on')
  await expect.poll(() => page.evaluate(() => (window as unknown as { __terminal: string }).__terminal)).toContain('configmap/colors edited')

  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(editor).toHaveClass(/vs-dark/)
  expect(foreign).toEqual([])
})
