// `exit` in a sim script: stops the script with its status, as bash does; a subshell's exit does not.
import { describe, expect, it } from 'vitest'
import { runScript } from './session'

describe('runScript and exit', () => {
  it('stops at a top-level exit with its status', async () => {
    const results = await runScript('echo a\nexit 3\necho never')
    expect(results.map((r) => [r.command, r.stdout, r.exitCode])).toEqual([['echo a', 'a\n', 0], ['exit 3', '', 3]])
  })

  it('keeps going after exit in a subshell or $(...)', async () => {
    const results = await runScript('(exit 4)\necho "$?"\nX=$(exit 5)\necho after')
    expect(results.map((r) => r.stdout).join('')).toBe('4\nafter\n')
  })
})
