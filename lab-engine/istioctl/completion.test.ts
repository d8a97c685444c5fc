// istioctl Tab completion through the line editor over a sim session, as cobra's bash completion offers it.
import { describe, expect, it } from 'vitest'
import { LineEditor } from '../shell/line-editor'
import { settle } from '../shell/line-editor/test-harness'
import { createSimSession } from '../sim/session'

async function afterTab(line: string): Promise<{ text: string; listing: string }> {
  const session = createSimSession({ seed: 1, files: { 'bookinfo-gateway.yaml': 'x' } })
  await session.run('istioctl install --set profile=minimal -y\nkubectl run web --image=nginx -n istio-system\n')
  let out = ''
  const editor = new LineEditor({ shell: session.shell, write: (s) => { out += s }, prompt: () => '$ ' })
  editor.resize(200, 24)
  out = ''
  editor.input(line + '\t\t')
  await settle()
  const text = editor.state.text
  session.dispose()
  return { text, listing: out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '') }
}

describe('istioctl completion', () => {
  it.each([
    ['subcommand', 'istioctl proxy-s', 'istioctl proxy-status '],
    ['profile subcommands', 'istioctl profile li', 'istioctl profile list '],
    ['second word of a path', 'istioctl proxy-config clu', 'istioctl proxy-config clusters '],
    ['experimental path, then its only next word', 'istioctl x desc', 'istioctl x describe pod '],
    ['flag of the subcommand', 'istioctl install --skip-c', 'istioctl install --skip-confirmation '],
    ['namespace after -n', 'istioctl analyze -n istio-s', 'istioctl analyze -n istio-system '],
    ['profile after --set', 'istioctl install --set profile=mi', 'istioctl install --set profile=minimal '],
    ['pod in the -n namespace', 'istioctl proxy-config routes -n istio-system we', 'istioctl proxy-config routes -n istio-system web '],
    ['path after -f', 'istioctl analyze -f bookinfo-g', 'istioctl analyze -f bookinfo-gateway.yaml '],
  ])('%s', async (_, line, expected) => {
    expect((await afterTab(line)).text).toBe(expected)
  })

  it('lists the proxy-config kinds on a double Tab', async () => {
    const { listing } = await afterTab('istioctl proxy-config ')
    for (const kind of ['all', 'bootstrap', 'clusters', 'endpoints', 'listeners', 'routes', 'secret']) expect(listing).toContain(kind)
  })

  it('offers no pods from other namespaces', async () => {
    expect((await afterTab('istioctl proxy-config routes we')).text).toBe('istioctl proxy-config routes we')
  })
})
