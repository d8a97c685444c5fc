import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { UiAction, UiChannel } from '../core/ui-channel'
import { harness } from './harness.test-util'

const KIALI = readFileSync(path.join(import.meta.dirname, '../../content/samples/addons/kiali.yaml'), 'utf8')

class RecordingUi implements UiChannel {
  readonly actions: UiAction[] = []
  emit(action: UiAction): void { this.actions.push(action) }
  edit(): Promise<boolean> { return Promise.resolve(false) }
}

async function withKiali(ui?: UiChannel) {
  const h = harness(ui ? { ui } : {})
  h.session.vfs.writeFile('/home/learner/kiali.yaml', KIALI)
  await h.sh('istioctl install -y --set profile=minimal >/dev/null\nkubectl apply -f kiali.yaml >/dev/null 2>&1')
  return h
}

describe('istioctl dashboard', () => {
  it('errors without the addon', async () => {
    const h = harness()
    expect(await h.istioctl(['dashboard', 'kiali'])).toEqual({ stdout: '', stderr: 'Error: no Kiali pods found\n', code: 1 })
    expect((await h.istioctl(['dashboard', 'nope'])).stderr).toBe('Error: unknown command "nope" for "istioctl dashboard"\n')
  })

  it('headless: prints the URL and returns', async () => {
    const h = await withKiali()
    expect(await h.istioctl(['dash', 'kiali'])).toEqual({ stdout: 'http://localhost:20001/kiali\n', stderr: '', code: 0 })
    expect((await h.istioctl(['d', 'kiali', '-p', '20002'])).stdout).toBe('http://localhost:20002/kiali\n')
  })

  it('with a browser: opens the tab and keeps forwarding until interrupted, then exits 0', async () => {
    const ui = new RecordingUi()
    const h = await withKiali(ui)
    const ctl = new AbortController()
    let done = false
    const running = h.istioctl(['dashboard', 'kiali'], { signal: ctl.signal }).then((r) => { done = true; return r })
    await new Promise((r) => setTimeout(r, 20))
    expect(ui.actions).toEqual([{ action: 'open-tab', dashboard: 'kiali', localPort: 20001 }])
    expect(done).toBe(false)
    ctl.abort()
    expect(await running).toEqual({ stdout: 'http://localhost:20001/kiali\n', stderr: '', code: 0 })
  })
})
