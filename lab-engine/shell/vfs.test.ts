// VFS tests: paths, errors in coreutils' wording, limits, JSON round trip.
import { describe, expect, it } from 'vitest'
import { HOME_DIR, MAX_ENTRIES, MAX_FILE_BYTES, resolvePath, Vfs } from './vfs'
import { describeError, VfsError } from './vfs-error'

describe('resolvePath', () => {
  it.each([
    ['/a/b', 'c', '/a/b/c'], ['/a/b', '../c', '/a/c'], ['/a/b', './c/./d/', '/a/b/c/d'], ['/a', '/x//y', '/x/y'],
    ['/a', '../../..', '/'], ['/a', '~', HOME_DIR], ['/a', '~/k', `${HOME_DIR}/k`],
  ])('%s + %s = %s', (cwd, p, want) => expect(resolvePath(cwd, p)).toBe(want))
})

describe('Vfs', () => {
  it('creates, reads, appends and lists', () => {
    const v = Vfs.withHome()
    v.writeFile('/tmp/a', 'x')
    v.writeFile('/tmp/a', 'y', { append: true })
    expect(v.readFile('/tmp/a')).toBe('xy')
    expect(v.readdir('/')).toEqual(['etc', 'home', 'tmp'])
    expect(v.stat('/tmp/a')).toMatchObject({ type: 'file', size: 2 })
  })

  it('fails with errno codes that read like coreutils', () => {
    const v = Vfs.withHome()
    v.writeFile('/tmp/f', '')
    const cases: [() => unknown, string][] = [
      [() => v.readFile('/nope'), 'ENOENT'], [() => v.readFile('/tmp'), 'EISDIR'], [() => v.mkdir('/tmp'), 'EEXIST'],
      [() => v.writeFile('/tmp/f/x', ''), 'ENOTDIR'], [() => v.mkdir('/a/b'), 'ENOENT'], [() => v.remove('/home'), 'ENOTEMPTY'],
    ]
    for (const [fn, code] of cases) expect(fn).toThrow(expect.objectContaining({ code }))
    expect(describeError('cat', 'x', new VfsError('ENOENT', '/x'))).toBe('cat: x: No such file or directory')
  })

  it('enforces the file size limit without changing anything', () => {
    const v = Vfs.withHome()
    const before = JSON.stringify(v.toJSON())
    expect(() => v.writeFile('/tmp/big', 'x'.repeat(MAX_FILE_BYTES + 1))).toThrow(expect.objectContaining({ code: 'EFBIG' }))
    expect(JSON.stringify(v.toJSON())).toBe(before)
  })

  it('enforces the entry limit', () => {
    const v = new Vfs()
    for (let i = 1; i < MAX_ENTRIES; i++) v.writeFile(`/f${i}`, '')
    expect(() => v.writeFile('/one-more', '')).toThrow(expect.objectContaining({ code: 'ENOSPC' }))
    expect(() => v.mkdir('/a/b/c', { parents: true })).toThrow(expect.objectContaining({ code: 'ENOSPC' }))
    expect(v.usage().entries).toBe(MAX_ENTRIES)
  })

  it('mkdir -p is idempotent and refuses to pass through a file', () => {
    const v = Vfs.withHome()
    v.mkdir('/x/y/z', { parents: true })
    v.mkdir('/x/y', { parents: true })
    v.writeFile('/x/f', '')
    expect(() => v.mkdir('/x/f/g', { parents: true })).toThrow(expect.objectContaining({ code: 'ENOTDIR' }))
    expect(v.isDir('/x/y/z')).toBe(true)
  })

  it('removes trees and keeps usage counts right', () => {
    const v = Vfs.withHome()
    v.mkdir('/d/e', { parents: true })
    v.writeFile('/d/e/f', 'abc')
    expect(v.usage()).toMatchObject({ bytes: 3 })
    v.remove('/d', { recursive: true })
    expect(v.usage()).toMatchObject({ bytes: 0 })
    expect(v.stat('/d')).toBeNull()
  })

  it('round-trips through plain JSON', () => {
    const v = Vfs.withHome()
    v.writeFile(`${HOME_DIR}/a.yaml`, 'kind: Pod\n')
    const json = JSON.parse(JSON.stringify(v.toJSON()))
    const back = Vfs.fromJSON(json)
    expect(back.readFile(`${HOME_DIR}/a.yaml`)).toBe('kind: Pod\n')
    expect(back.usage()).toEqual(v.usage())
    expect(() => Vfs.fromJSON({ version: 2 } as never)).toThrow(VfsError)
  })
})
