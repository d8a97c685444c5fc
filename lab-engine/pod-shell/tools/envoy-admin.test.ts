import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../cluster/types'
import { createShell, manualClock, type Shell } from '../../shell'
import { CommandRegistry } from '../../shell/registry'
import { runCaptured } from '../../shell/test-support'
import { createPilotAgent, type EnvoyAdmin } from './envoy-admin'

const POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u' } } as unknown as KubeObject

function shell(admin?: EnvoyAdmin): Shell {
  const registry = new CommandRegistry()
  registry.registerCommand(createPilotAgent(admin ? () => ({ pod: POD, admin }) : undefined))
  return createShell({ clock: manualClock(0), registry })
}

/** An admin that records what it was asked and answers /stats only. */
function recordingAdmin(seen: string[]): EnvoyAdmin {
  return {
    request(_pod, port, method, path) {
      seen.push(`${port} ${method} ${path}`)
      return path.startsWith('/stats') ? { status: 200, body: 'server.live: 1\n', contentType: 'text/plain' } : { status: 404, body: 'invalid path', contentType: 'text/plain' }
    },
  }
}

describe('pilot-agent request', () => {
  it('sends the method and path to the admin port and prints the body as is', async () => {
    const seen: string[] = []
    const r = await runCaptured(shell(recordingAdmin(seen)), 'pilot-agent request GET stats')
    expect(r).toEqual({ stdout: 'server.live: 1\n', stderr: '', code: 0 })
    expect(seen).toEqual(['15000 GET /stats'])
  })

  it('--debug-port picks another local port; a non-200 answer is an error with its body', async () => {
    const seen: string[] = []
    const r = await runCaptured(shell(recordingAdmin(seen)), 'pilot-agent request --debug-port 15020 get /other')
    expect(seen).toEqual(['15020 GET /other'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('Error: received unsuccessful status code 404: invalid path\n')
  })

  it('with no proxy behind it the connection is refused', async () => {
    const r = await runCaptured(shell(), 'pilot-agent request GET clusters')
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('Error: failed to make request: Get "http://localhost:15000/clusters": dial tcp 127.0.0.1:15000: connect: connection refused\n')
  })

  it('too few arguments and unknown commands fail as cobra does', async () => {
    expect((await runCaptured(shell(), 'pilot-agent request GET')).stderr).toBe('Error: requires at least 2 arg(s), only received 1\n')
    expect((await runCaptured(shell(), 'pilot-agent proxyx')).stderr).toContain('Error: unknown command "proxyx" for "pilot-agent"')
  })
})
