import { describe, expect, it } from 'vitest'
import { MetricRegistry } from './metrics'
import { MAX_QUERY_LENGTH, PromQLError, tokenize } from './promql-lexer'
import { MAX_NESTING_DEPTH, parsePromQL } from './promql-parser'
import { evaluatePromQL } from './promql'

const scalarOf = (q: string) => {
  const v = evaluatePromQL(new MetricRegistry(), q, 0)
  if (v.type !== 'scalar') throw new Error(`not a scalar: ${v.type}`)
  return v.v
}

function errorOf(q: string): string {
  try {
    parsePromQL(q)
  } catch (err) {
    expect(err).toBeInstanceOf(PromQLError)
    return (err as Error).message
  }
  throw new Error(`parsed without error: ${q}`)
}

describe('PromQL lexer', () => {
  it('reads durations, numbers, strings and operators', () => {
    const toks = tokenize('rate(x{a=~"b.*",c!=\'d\'}[1h30m]) >= 0x1F')
    expect(toks.map((t) => t.type)).toEqual(['ident', '(', 'ident', '{', 'ident', 'op', 'string', ',', 'ident', 'op', 'string', '}', '[', 'duration', ']', ')', 'op', 'number', 'eof'])
    expect(toks.find((t) => t.type === 'duration')!.value).toBe(5_400_000)
    expect(toks.find((t) => t.type === 'number')!.value).toBe(31)
  })

  it('decodes escapes in quoted strings but not in backticks', () => {
    expect(tokenize('"a\\"b\\n"')[0]!.text).toBe('a"b\n')
    expect(tokenize('`a\\d`')[0]!.text).toBe('a\\d')
  })

  it('reports unterminated strings and stray characters with a position', () => {
    expect(() => tokenize('x{a="b}')).toThrow('1:5: parse error: unterminated quoted string')
    expect(() => tokenize('x ! y')).toThrow('1:3: parse error: unexpected character: "!"')
    expect(() => tokenize('5min')).toThrow(/bad number or duration/)
  })

  it('refuses queries over the length limit', () => {
    expect(() => tokenize('x'.repeat(MAX_QUERY_LENGTH + 1))).toThrow(/longer than/)
  })
})

describe('PromQL parser', () => {
  it('follows Prometheus precedence and associativity', () => {
    expect(scalarOf('1 + 2 * 3')).toBe(7)
    expect(scalarOf('1 - 2 - 3')).toBe(-4)
    expect(scalarOf('2 ^ 3 ^ 2')).toBe(512)
    expect(scalarOf('-2 ^ 2')).toBe(-4)
    expect(scalarOf('(1 + 2) * 3')).toBe(9)
    expect(scalarOf('7 % 4 + 1 == bool 4')).toBe(1)
  })

  it('parses aggregations with the grouping before or after the argument', () => {
    const a = parsePromQL('sum by (app) (x)')
    const b = parsePromQL('sum(x) by (app)')
    expect(a.kind).toBe('aggregate')
    expect(b).toMatchObject({ kind: 'aggregate', op: 'sum', grouping: { mode: 'by', labels: ['app'] } })
    expect(a).toMatchObject({ grouping: { mode: 'by', labels: ['app'] } })
  })

  it('parses matchers, ranges and offsets', () => {
    expect(parsePromQL('x{a="1", b!~"2|3"}[5m] offset 1m')).toMatchObject({
      kind: 'selector',
      name: 'x',
      matchers: [
        { name: 'a', op: '=', value: '1' },
        { name: 'b', op: '!~', value: '2|3' },
      ],
      rangeMs: 300_000,
      offsetMs: 60_000,
    })
  })

  it('type-checks function arguments', () => {
    expect(errorOf('rate(x)')).toBe('1:6: parse error: expected type range vector in call to function "rate", got instant vector')
    expect(errorOf('sum(x[5m])')).toMatch(/expected type instant vector in aggregation expression, got range vector/)
    expect(errorOf('histogram_quantile(x, y)')).toMatch(/expected type scalar/)
    expect(errorOf('rate(x[1m], y[1m])')).toMatch(/expected 1 argument\(s\) in call to "rate", got 2/)
  })

  it('explains syntax errors with their position', () => {
    expect(errorOf('  # only a comment')).toBe('1:1: parse error: no expression found in input')
    expect(errorOf('sum(x')).toBe('1:6: parse error: unexpected end of input, expected ")" in aggregation')
    expect(errorOf('x{a="b"')).toBe('1:8: parse error: unexpected end of input, expected "," or "}" in label matching')
    expect(errorOf('x{a~"b"}')).toMatch(/1:4: parse error: unexpected character: "~"/)
    expect(errorOf('foo(x)')).toBe('1:1: parse error: unknown function with name "foo"')
    expect(errorOf('{a=""}')).toMatch(/at least one non-empty matcher/)
    expect(errorOf('1 > 2')).toMatch(/comparisons between scalars must use BOOL modifier/)
    expect(errorOf('x[5m:1m]')).toMatch(/subqueries are not supported/)
    expect(errorOf('x{a=~"("}')).toMatch(/invalid regular expression/)
    expect(errorOf('x y')).toMatch(/unexpected identifier "y"/)
    expect(errorOf('rate(x[1m])[5m]')).toMatch(/ranges only allowed for vector selectors/)
  })

  it('refuses nesting beyond the limit', () => {
    const deep = `${'('.repeat(MAX_NESTING_DEPTH + 2)}1${')'.repeat(MAX_NESTING_DEPTH + 2)}`
    expect(errorOf(deep)).toMatch(/nested deeper than/)
    const ok = `${'('.repeat(10)}1${')'.repeat(10)}`
    expect(scalarOf(ok)).toBe(1)
  })

  it('accepts Inf and NaN literals', () => {
    expect(scalarOf('Inf')).toBe(Infinity)
    expect(Number.isNaN(scalarOf('NaN'))).toBe(true)
  })
})
