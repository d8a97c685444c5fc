import { describe, expect, it } from 'vitest'
import { CommandRegistry } from '../../shell/registry'
import { runCaptured } from '../../shell/test-support'
import { createShell, manualClock } from '../../shell'
import { NAMESERVER_IP, type DnsAnswer } from '../../cluster/dns'
import { refusingTransport } from '../curl/transport'
import { createFortioCommand, createHostname, FORTIO_VERSION, pilotAgent } from './apps'
import { createNslookup } from './nslookup'

function shell() {
  const registry = new CommandRegistry()
  const answers: Record<string, DnsAnswer> = { web: { kind: 'found', name: 'web.default.svc.cluster.local', addresses: ['10.96.1.5'] } }
  const fortio = createFortioCommand({ transport: () => refusingTransport, source: { kind: 'host' }, resolve: () => undefined })
  for (const spec of [fortio, pilotAgent, createHostname('client-7d9', '10.244.0.9'), createNslookup((n) => answers[n] ?? { kind: 'nxdomain', name: n })]) registry.registerCommand(spec)
  return createShell({ clock: manualClock(0), registry })
}

describe('pod programs', () => {
  it('hostname prints the pod name, -i its IP', async () => {
    expect(await runCaptured(shell(), 'hostname')).toEqual({ stdout: 'client-7d9\n', stderr: '', code: 0 })
    expect((await runCaptured(shell(), 'hostname -i')).stdout).toBe('10.244.0.9\n')
    expect((await runCaptured(shell(), 'hostname other')).code).toBe(1)
  })

  it('nslookup answers in BIND shape and NXDOMAIN exits 1', async () => {
    expect((await runCaptured(shell(), 'nslookup web')).stdout).toBe(`Server:\t\t${NAMESERVER_IP}\nAddress:\t${NAMESERVER_IP}#53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.1.5\n\n`)
    const miss = await runCaptured(shell(), 'nslookup nope')
    expect(miss.code).toBe(1)
    expect(miss.stdout).toContain("** server can't find nope: NXDOMAIN\n")
    expect((await runCaptured(shell(), 'nslookup')).code).toBe(1)
  })

  it('fortio (wired from ./fortio): usage without a command, version, and a missing target', async () => {
    const usage = await runCaptured(shell(), 'fortio')
    expect(usage.code).toBe(1)
    expect(usage.stderr).toMatch(new RegExp(`^Φορτίο ${FORTIO_VERSION.replace(/\\./g, '\\\\.')} usage:\\n`))
    expect(usage.stderr.endsWith('Missing command argument\n')).toBe(true)
    expect(await runCaptured(shell(), 'fortio version')).toEqual({ stdout: `${FORTIO_VERSION}\n`, stderr: '', code: 0 })
    const noTarget = await runCaptured(shell(), 'fortio load -c 2 -qps 0')
    expect(noTarget.code).toBe(1)
    expect(noTarget.stderr.endsWith('Error: fortio load/curl needs a url or destination\n')).toBe(true)
  })

  it('pilot-agent: cobra help and unknown commands', async () => {
    expect((await runCaptured(shell(), 'pilot-agent')).stdout).toContain('Usage:\n  pilot-agent [command]')
    expect(await runCaptured(shell(), 'pilot-agent bogus')).toEqual({ stdout: '', stderr: 'Error: unknown command "bogus" for "pilot-agent"\nRun \'pilot-agent --help\' for usage.\n', code: 1 })
  })
})
