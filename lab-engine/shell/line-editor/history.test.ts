// History tests: bounded list, ignoredups, Up/Down with a draft, reverse search.
import { describe, expect, it } from 'vitest'
import { History } from './history'
import { ReverseSearch } from './reverse-search'

describe('History', () => {
  it('skips blanks and repeats and keeps only the newest entries', () => {
    const h = new History(3)
    for (const l of ['a', 'a', ' ', 'b', 'c', 'd']) h.add(l)
    expect(h.list()).toEqual(['b', 'c', 'd'])
  })

  it('browses back and forward, restoring the draft', () => {
    const h = new History()
    h.add('one'); h.add('two')
    expect(h.previous('dra')).toBe('two')
    expect(h.previous('two')).toBe('one')
    expect(h.previous('one')).toBeNull()
    expect(h.next()).toBe('two')
    expect(h.next()).toBe('dra')
    expect(h.next()).toBeNull()
  })
})

describe('ReverseSearch', () => {
  const history = () => {
    const h = new History()
    for (const l of ['kubectl get pods', 'echo hi', 'kubectl get svc']) h.add(l)
    return h
  }

  it('finds the newest match, then older ones on Ctrl-R', () => {
    const s = new ReverseSearch(history(), '')
    s.type('kub')
    expect(s.frame()).toEqual({ prompt: "(reverse-i-search)`kub': ", text: 'kubectl get svc', cursor: 0 })
    s.older()
    expect(s.result).toBe('kubectl get pods')
    s.older()
    expect(s.result).toBe('kubectl get pods')
  })

  it('marks a failed search and keeps the last match', () => {
    const s = new ReverseSearch(history(), 'draft')
    s.type('get s')
    expect(s.result).toBe('kubectl get svc')
    s.type('x')
    expect(s.frame().prompt).toBe("(failed reverse-i-search)`get sx': ")
    expect(s.result).toBe('kubectl get svc')
    s.backspace()
    expect(s.frame().prompt).toBe("(reverse-i-search)`get s': ")
  })

  it('with no match yet, the result is the original line', () => {
    expect(new ReverseSearch(history(), 'draft').result).toBe('draft')
  })
})
