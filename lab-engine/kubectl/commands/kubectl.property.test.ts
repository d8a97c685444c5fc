// Bad input for kubectl: random command lines never throw out of the shell, and read-only verbs never change state.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSimSession } from '../../sim/session'

const WORDS = [
  'get', 'describe', 'apply', 'create', 'delete', 'label', 'annotate', 'scale', 'run', 'expose', 'rollout', 'status',
  'version', 'config', 'api-resources', 'cluster-info', 'pods', 'pod/x', 'deploy', 'svc', 'ns', 'all', 'foo', 'web', 'x',
  '-n', 'kube-system', '-A', '-l', 'app=web', 'a!=', '-o', 'yaml', 'json', 'name', 'wide', 'jsonpath={.items[*].metadata.name}',
  '-f', '-', 'nope.yaml', '--replicas=2', '--replicas', '--image=nginx', '--overwrite', 'k=v', 'k-', '--bogus', '-z', '--', '=', '',
]

const READ_ONLY = new Set(['get', 'describe', 'version', 'config', 'api-resources', 'cluster-info'])

describe('kubectl with random arguments', () => {
  it('always answers with an exit code, never an exception', async () => {
    const session = createSimSession({ seed: 7 })
    try {
      await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...WORDS), { maxLength: 7 }), fc.string({ maxLength: 200 }), async (args, stdin) => {
        const line = ['kubectl', ...args.map((a) => `'${a}'`)].join(' ')
        let stdout = ''
        const code = await session.shell.run(line, { stdin, stdout: { write: (s) => { stdout += s } }, stderr: { write: () => {} } })
        expect(Number.isInteger(code)).toBe(true)
        expect(typeof stdout).toBe('string')
      }), { numRuns: 300, seed: 11 })
    } finally {
      session.dispose()
    }
  })

  it('leaves the store untouched for read-only verbs', async () => {
    const session = createSimSession({ seed: 8 })
    try {
      await fc.assert(fc.asyncProperty(fc.constantFrom(...READ_ONLY), fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }), async (verb, args) => {
        const before = session.store.resourceVersion()
        await session.shell.run(['kubectl', verb, ...args.map((a) => `'${a}'`)].join(' '), { stdout: { write: () => {} }, stderr: { write: () => {} } })
        expect(session.store.resourceVersion()).toBe(before)
      }), { numRuns: 200, seed: 12 })
    } finally {
      session.dispose()
    }
  })

  it.each([
    ['binary input', '\u0000\u0001\u0002\uffff garbage'],
    ['a document that is a list', '- a\n- b\n'],
    ['a tab-indented document', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n'],
    ['an Istio kind before istioctl install', 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts: [r]\n'],
    ['a removed Istio API', 'apiVersion: authentication.istio.io/v1alpha1\nkind: Policy\nmetadata:\n  name: p\n'],
  ])('refuses %s with one error and no change', async (_what, manifest) => {
    const session = createSimSession({ seed: 9 })
    try {
      const before = session.store.resourceVersion()
      let stderr = ''
      const code = await session.shell.run('kubectl apply -f -', { stdin: manifest, stdout: { write: () => {} }, stderr: { write: (s) => { stderr += s } } })
      expect(code).toBe(1)
      expect(stderr).toMatch(/^(error|Error from server)/)
      expect(session.store.resourceVersion()).toBe(before)
    } finally {
      session.dispose()
    }
  })
})
