// Bad input for patch, replace, edit, explain, wait, rollout actions, create secret and set: never an exception; failures that report no success change nothing.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSimSession } from '../../sim/session'

const VERBS = ['patch', 'replace', 'edit', 'explain', 'wait', 'rollout restart', 'rollout undo', 'rollout history', 'rollout pause', 'create secret generic', 'create secret tls', 'set image', 'set env']
const WORDS = [
  'deploy', 'deploy/web', 'web', 'svc', 'pods', 'pod/nope', 'pods.spec.containers', 'deployments.spec.x', 'vs', '-p', '{}', '[]', '{"spec":{"replicas":"x"}}',
  '--type=json', '--type=merge', '--type', '-f', '/tmp/app.yaml', '/nope', '--for=delete', '--for=condition=Ready', '--for=jsonpath={.x}=1', '--for=jsonpath={',
  '--timeout=1s', '--timeout=abc', '--all', '-l', 'app=web', '--to-revision=1', '--to-revision=x', '--revision=2', '--from-literal=a=b', '--from-literal=bad',
  'web=nginx:2', '*=busybox', 'FOO=bar', 'FOO-', 'web-', '--from=configmap/x', '--from=secret/x', '--list', '--overwrite=false', '-c', '--keys=a',
  '--from-file=/tmp/app.yaml', '--cert=/tmp/app.yaml', '--key=/nope', '--dry-run=client', '-o', 'yaml', '--force', '--bogus', '-n', 'kube-system', '', '=',
]

describe('the update verbs with random arguments', () => {
  it('answer with an exit code and leave the store unchanged whenever they fail', async () => {
    const session = createSimSession({ seed: 9 })
    const quiet = { stdin: '', stdout: { write: () => {} }, stderr: { write: () => {} } }
    try {
      await session.shell.run(`mkdir -p /tmp && printf 'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: web\\nspec:\\n  selector:\\n    matchLabels: {app: web}\\n  template:\\n    metadata:\\n      labels: {app: web}\\n    spec:\\n      containers:\\n      - name: web\\n        image: nginx\\n' > /tmp/app.yaml
kubectl apply -f /tmp/app.yaml`, quiet)
      await fc.assert(fc.asyncProperty(fc.constantFrom(...VERBS), fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }), async (verb, args) => {
        const before = JSON.stringify(session.store.snapshot().objects.filter((o) => o.kind !== 'Event'))
        const line = `kubectl ${verb} ${args.map((a) => `'${a}'`).join(' ')}`
        let stdout = ''
        const code = await session.shell.run(line, { ...quiet, stdout: { write: (t: string) => { stdout += t } } })
        expect(Number.isInteger(code)).toBe(true)
        // A command that failed without reporting any success, or only reads, leaves the objects as they were
        // (wait is left out: waiting lets the controllers run).
        const readOnly = ['explain', 'rollout history'].includes(verb) || args.includes('--dry-run=client')
        if (!verb.startsWith('wait') && ((code !== 0 && stdout === '') || readOnly)) {
          expect(JSON.stringify(session.store.snapshot().objects.filter((o) => o.kind !== 'Event'))).toBe(before)
        }
      }), { numRuns: 200, seed: 13 })
    } finally {
      session.dispose()
    }
  })
})
