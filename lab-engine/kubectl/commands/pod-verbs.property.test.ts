// Bad input for exec, logs and port-forward: random command lines never throw out of the shell and never change the cluster.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSimSession } from '../../sim/session'

const WORDS = [
  'client', 'web', 'deploy/web', 'svc/web', 'pod/client', 'nope', 'deploy/nope', 'svc/', '/x',
  '-c', 'client', 'nginx', 'istio-proxy', '-i', '-t', '-it', '-q', '--', 'sh', '-c', 'echo hi; exit 4', 'curl', '-sS', 'http://web/',
  'nslookup', 'cat', '/etc/hosts', 'env', '--tail', '3', '-1', 'x', '-f', '-p', '--previous', '--timestamps', '--all-containers',
  '-l', 'app=web', 'a!=', '8080:80', ':80', '80', 'http', 'abc:def', '1:2:3', '70000', '--address', '0.0.0.0', 'nope-ip',
  '-n', 'kube-system', '--bogus', '-z', '', '=',
]

describe('exec, logs and port-forward with random arguments', () => {
  it('always answer with an exit code and leave the store as it was', async () => {
    const session = createSimSession({ seed: 21 })
    try {
      await session.run('kubectl create deployment web --image=nginx --port=80\nkubectl expose deployment web --port=80\nkubectl run client --image=curlimages/curl -- sleep infinity\nsleep 10')
      await fc.assert(fc.asyncProperty(fc.constantFrom('exec', 'logs', 'port-forward'), fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }), fc.string({ maxLength: 100 }), async (verb, args, stdin) => {
        const before = session.store.resourceVersion()
        const line = ['kubectl', verb, ...args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`)].join(' ')
        const code = await session.shell.run(line, { stdin, stdout: { write: () => {} }, stderr: { write: () => {} } })
        expect(Number.isInteger(code)).toBe(true)
        expect(session.store.resourceVersion()).toBe(before)
      }), { numRuns: 300, seed: 13 })
    } finally {
      session.dispose()
    }
  })
})
