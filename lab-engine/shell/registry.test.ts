// Registry tests: registration by name, duplicates refused.
import { describe, expect, it } from 'vitest'
import { COREUTILS } from './coreutils'
import { CommandRegistry } from './registry'

describe('CommandRegistry', () => {
  it('registers and finds commands', () => {
    const r = new CommandRegistry()
    r.registerCommand({ name: 'hello', run: () => 0 })
    expect(r.has('hello')).toBe(true)
    expect(r.names()).toEqual(['hello'])
  })

  it('refuses a name registered twice', () => {
    const r = new CommandRegistry()
    r.registerCommand({ name: 'x', run: () => 0 })
    expect(() => r.registerCommand({ name: 'x', run: () => 1 })).toThrow('command "x" is already registered')
  })

  it('coreutils names are unique', () => {
    const names = COREUTILS.map((c) => c.name)
    expect(new Set(names).size).toBe(names.length)
  })
})
