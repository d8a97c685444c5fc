// Terminal shortcuts per platform: copy/paste/search keys, and Ctrl-C reaching the shell when nothing is selected.
import { describe, expect, it } from 'vitest'
import { isMacPlatform, keyAction, type KeyAction } from './terminal-keys'

type Mods = Partial<{ ctrl: boolean; shift: boolean; alt: boolean; meta: boolean }>
const press = (key: string, m: Mods = {}) => ({ type: 'keydown', key, ctrlKey: !!m.ctrl, shiftKey: !!m.shift, altKey: !!m.alt, metaKey: !!m.meta })

const PC: [string, ReturnType<typeof press>, boolean, KeyAction][] = [
  ['Ctrl-C without a selection reaches the shell', press('c', { ctrl: true }), false, null],
  ['Ctrl-C with a selection copies', press('c', { ctrl: true }), true, 'copy'],
  ['Ctrl-Shift-C copies', press('C', { ctrl: true, shift: true }), true, 'copy'],
  ['Ctrl-Shift-C with nothing selected is not an interrupt', press('C', { ctrl: true, shift: true }), false, 'ignore'],
  ['Ctrl-Insert copies', press('Insert', { ctrl: true }), true, 'copy'],
  ['Ctrl-Shift-V pastes', press('V', { ctrl: true, shift: true }), false, 'paste'],
  ['Ctrl-V pastes', press('v', { ctrl: true }), false, 'paste'],
  ['Shift-Insert pastes', press('Insert', { shift: true }), false, 'paste'],
  ['Ctrl-F searches', press('f', { ctrl: true }), false, 'search'],
  ['Ctrl-D reaches the shell', press('d', { ctrl: true }), false, null],
  ['Alt-F reaches the shell (word right)', press('f', { alt: true, ctrl: true }), false, null],
  ['plain keys reach the shell', press('c'), true, null],
]

const MAC: [string, ReturnType<typeof press>, boolean, KeyAction][] = [
  ['Cmd-C with a selection copies', press('c', { meta: true }), true, 'copy'],
  ['Cmd-C without one does nothing', press('c', { meta: true }), false, 'ignore'],
  ['Cmd-V pastes', press('v', { meta: true }), false, 'paste'],
  ['Cmd-F searches', press('f', { meta: true }), false, 'search'],
  ['Ctrl-C reaches the shell even with a selection', press('c', { ctrl: true }), true, null],
  ['Ctrl-V reaches the shell', press('v', { ctrl: true }), false, null],
  ['Ctrl-F reaches the shell (forward char)', press('f', { ctrl: true }), false, null],
]

describe('keyAction', () => {
  it.each(PC)('Windows/Linux: %s', (_name, ev, hasSelection, want) => {
    expect(keyAction(ev, { isMac: false, hasSelection })).toBe(want)
  })
  it.each(MAC)('macOS: %s', (_name, ev, hasSelection, want) => {
    expect(keyAction(ev, { isMac: true, hasSelection })).toBe(want)
  })
})

describe('isMacPlatform', () => {
  it('reads the platform, then the user agent', () => {
    expect(isMacPlatform({ platform: 'MacIntel' })).toBe(true)
    expect(isMacPlatform({ platform: '', userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)' })).toBe(true)
    expect(isMacPlatform({ platform: 'Win32' })).toBe(false)
    expect(isMacPlatform({ platform: 'Linux x86_64' })).toBe(false)
    expect(isMacPlatform(undefined)).toBe(false)
  })
})
