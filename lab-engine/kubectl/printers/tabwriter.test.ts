// Source: Go text/tabwriter semantics with kubectl's settings in k8s.io/cli-runtime/pkg/printers/tabwriter.go.
import { describe, expect, it } from 'vitest'
import { alignRows } from './tabwriter'

describe('alignRows', () => {
  it('pads every column but the last to the widest cell plus 3', () => {
    expect(alignRows([['NAME', 'STATUS', 'AGE'], ['default', 'Active', '5m']])).toBe(
      'NAME      STATUS   AGE\n' +
      'default   Active   5m\n')
  })
  it('applies the minimum cell width of 6 (padding included)', () => {
    expect(alignRows([['A', 'B'], ['x', 'y']])).toBe('A     B\nx     y\n')
  })
  it('leaves no trailing spaces when the last cell is empty', () => {
    expect(alignRows([['NAME', 'X'], ['a', '']])).toBe('NAME   X\na\n')
  })
  it('counts characters, not bytes', () => {
    expect(alignRows([['ÄÖÜ', 'B'], ['abcd', 'C']])).toBe('ÄÖÜ    B\nabcd   C\n')
  })
})
