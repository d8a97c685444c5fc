// Completion tests: the default completer (commands, paths, the argument hook), common prefix and columns.
import { describe, expect, it } from 'vitest'
import { testShell } from '../test-support'
import { commonPrefix, defaultCompleter, formatColumns } from './completion'

function shellWithFiles() {
  const shell = testShell()
  shell.vfs.mkdir('/home/learner/samples/httpbin', { parents: true })
  shell.vfs.writeFile('/home/learner/samples/sleep.yaml', '')
  shell.vfs.writeFile('/home/learner/.bashrc', '')
  return shell
}

describe('defaultCompleter', () => {
  const CASES: [name: string, line: string, candidates: string[], replaceFrom: number][] = [
    ['command names', 'ec', ['echo'], 0],
    ['command after a pipe', 'ls | hea', ['head'], 5],
    ['command after &&', 'true && wh', ['which'], 8],
    ['paths in argument position', 'cat sa', ['samples/'], 4],
    ['inside a directory', 'cat samples/', ['samples/httpbin/', 'samples/sleep.yaml'], 4],
    ['dot files only for a dot prefix', 'cat .b', ['.bashrc'], 4],
    ['~/ paths', 'ls ~/sa', ['~/samples/'], 3],
    ['absolute paths', 'ls /ho', ['/home/'], 3],
    ['after a redirect', 'echo x >sa', ['samples/'], 8],
    ['missing directory', 'cat nope/x', [], 4],
    ['./ for a command', './sa', ['./samples/'], 0],
  ]
  it.each(CASES)('%s', (_name, line, candidates, replaceFrom) => {
    expect(defaultCompleter(shellWithFiles())(line, line.length)).toEqual({ candidates, replaceFrom })
  })

  it("hands a command's arguments to its completer hook, falling back to paths on null", () => {
    const shell = shellWithFiles()
    const complete = defaultCompleter(shell, { kubectl: (words) => (words.length === 1 ? ['get', 'apply', 'describe'] : null) })
    expect(complete('kubectl g', 9)).toEqual({ candidates: ['get'], replaceFrom: 8 })
    expect(complete('kubectl apply -f sa', 19)).toEqual({ candidates: ['samples/'], replaceFrom: 17 })
  })
})

describe('commonPrefix and formatColumns', () => {
  it('finds the common prefix', () => {
    expect(commonPrefix(['virtual-a', 'virtual-b', 'virt'])).toBe('virt')
    expect(commonPrefix([])).toBe('')
  })

  it('lists column-major like bash', () => {
    expect(formatColumns(['a', 'bb', 'c', 'd', 'e'], 12)).toBe('a   c   e\r\nbb  d\r\n')
    expect(formatColumns(['a-very-long-name', 'b'], 5)).toBe('a-very-long-name\r\nb\r\n')
  })
})
