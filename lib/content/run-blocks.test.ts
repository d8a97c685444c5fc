import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { sampleFiles } from '@/lab-engine/cli'
import { SimDriver } from '@/lab-engine/drivers/sim'
import { parseDocument } from './parse-module'
import { runBlocks, runModuleBlocks } from './run-blocks'

const doc = (blocks: string) => `---\ntitle: t\n---\n${blocks}`
const block = (attrs: string, code: string) => `:::run${attrs}\n\`\`\`sh\n${code}\n\`\`\`\n:::\n\n`

async function failures(text: string) {
  const driver = new SimDriver()
  await driver.start({ mode: 'grading', files: sampleFiles(path.resolve(import.meta.dirname, '../../content/samples')) })
  try {
    return await runModuleBlocks(runBlocks(parseDocument(text, 'm.md')), driver)
  } finally {
    await driver.stop()
  }
}

describe('runnable blocks', () => {
  it('pass with their declared exit status, in order, sharing the shell', async () => {
    expect(await failures(doc(block('', 'kubectl create namespace shop') + block('', 'kubectl get namespace shop -o name') + block('{expect-exit=1}', 'kubectl get namespace nope')))).toEqual([])
  })

  it('report a block whose exit status differs, with its output', async () => {
    const [f] = await failures(doc(block('', 'kubectl get namespace nope')))
    expect(f).toMatchObject({ line: 4, expected: 0, got: 1, output: expect.stringContaining('namespaces "nope" not found') })
  })

  it('interrupt a block that runs until Ctrl-C, and skip kind-only blocks', async () => {
    const dashboard = block('', 'istioctl install --set profile=demo -y && kubectl apply -f samples/addons/prometheus.yaml && kubectl wait --for=condition=Ready pods --all -n istio-system --timeout=300s') + block('{interrupt}', 'istioctl dashboard prometheus')
    expect(await failures(doc(dashboard + block('{kind-only}', 'docker ps')))).toEqual([])
    const [f] = await failures(doc(block('{interrupt}', 'kubectl get namespace nope')))
    expect(f).toMatchObject({ expected: 130, got: 1 })
  })
})
