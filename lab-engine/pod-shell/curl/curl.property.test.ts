// Property: random curl/wget argv never throws out of the shell, always exits with a curl-range code and writes no files.
import { describe, expect, it } from 'vitest'
import { Rng } from '../../core/rng'
import { CommandRegistry } from '../../shell/registry'
import { runCaptured } from '../../shell/test-support'
import { createShell, manualClock, registerCoreutils } from '../../shell'
import { createCurlCommand } from './curl'
import { refusingTransport } from './transport'
import { createWgetCommand } from './wget'

const PIECES = [
  '-s', '-S', '-sS', '-o', '/dev/null', '-w', '%{http_code}', '%{bogus}', '-H', 'X: y', '-I', '-i', '-v', '-X', 'POST', '-d', 'a=1',
  '--data-raw', '-L', '-m', '2', '--max-time', 'x', '--connect-timeout', '-k', '--resolve', 'a:80:1.2.3.4', '-f', '--fail',
  '--retry', '99', '-u', 'u:p', 'http://web/', 'web:8080', 'https://[::1]/', 'ftp://x', 'http://:80', '-qO-', '--', '-', '%', '\\',
  'http://a b', '-Z', '--url', '-sSLo', '-w%{time_total}',
]

describe('curl and wget property', () => {
  it('random argv never throws and changes no state', async () => {
    const rng = Rng.seeded('curl-argv')
    for (let i = 0; i < 300; i++) {
      const registry = registerCoreutils(new CommandRegistry())
      const net = { transport: () => refusingTransport, source: { kind: 'host' as const }, resolve: (n: string) => (n === 'web' ? ['10.96.0.20'] : undefined), stdoutIsTerminal: rng.int(2) === 0 }
      registry.registerCommand(createCurlCommand(net))
      registry.registerCommand(createWgetCommand(net))
      const shell = createShell({ clock: manualClock(0), registry })
      const before = JSON.stringify(shell.vfs.toJSON())
      const words = Array.from({ length: rng.int(9) }, () => PIECES[rng.int(PIECES.length)]!)
      const tool = rng.int(4) === 0 ? 'wget' : 'curl'
      const line = [tool, ...words].map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ')
      const r = await runCaptured(shell, line)
      expect(r.code).toBeGreaterThanOrEqual(0)
      expect(r.code).toBeLessThan(100)
      // Only -o with a real path may write; the pieces above only name /dev/null, a dash or URLs.
      if (!words.includes('-o') && !words.includes('-sSLo')) expect(JSON.stringify(shell.vfs.toJSON())).toBe(before)
    }
  })
})
