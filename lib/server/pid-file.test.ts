import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { claimDataDir, holderOf, pidFilePath } from './pid-file'

describe('data directory pid file', () => {
  it('is claimed and released', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pid-'))
    const release = claimDataDir(dir)
    expect(holderOf(dir)).toBeNull() // our own pid does not count
    release()
    expect(holderOf(dir)).toBeNull()
  })

  it('refuses when another live process holds the directory', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pid-'))
    writeFileSync(pidFilePath(dir), String(process.ppid))
    expect(() => claimDataDir(dir)).toThrow(/Another Mesh Dojo process \(pid \d+\)/)
  })

  it('ignores a stale pid file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pid-'))
    writeFileSync(pidFilePath(dir), '999999999')
    expect(holderOf(dir)).toBeNull()
  })
})
