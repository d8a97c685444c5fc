// Arithmetic evaluator tests: golden pairs of expression -> value or bash's error text.
import { describe, expect, it } from 'vitest'
import { ArithError, evaluateArith, MAX_ARITH_CHARS, MAX_ARITH_DEPTH, type ArithVars } from './arithmetic'

function vars(init: Record<string, string> = {}): ArithVars & { map: Map<string, string> } {
  const map = new Map(Object.entries(init))
  return { map, get: (n) => map.get(n), set: (n, v) => { map.set(n, v) } }
}

const VALUES: [expr: string, value: string][] = [
  ['', '0'], ['  ', '0'], ['40+2', '42'], ['1+2*3', '7'], ['(1+2)*3', '9'], ['2**3**2', '512'], ['-2**2', '4'],
  ['7/2', '3'], ['-7/2', '-3'], ['-7%3', '-1'], ['1<<3', '8'], ['-8>>1', '-4'], ['5&3', '1'], ['5|3', '7'], ['5^3', '6'],
  ['~0', '-1'], ['!5', '0'], ['!0', '1'], ['+4', '4'], ['- -4', '4'], ['3>2', '1'], ['2<=1', '0'], ['2>=2', '1'], ['1<0', '0'],
  ['1==1', '1'], ['1!=1', '0'], ['1 && 0', '0'], ['0 || 2', '1'], ['1 ? 2 : 3', '2'], ['0 ? 2 : 0 ? 4 : 5', '5'],
  ['0x1f', '31'], ['0X1F', '31'], ['017', '15'], ['2#101', '5'], ['16#ff', '255'], ['36#z', '35'], ['36#Z', '35'],
  ['64#Z', '61'], ['64#a', '10'], ['64#@', '62'], ['64#_', '63'], ['1,2', '2'], ['1++2', '3'], ['1 - -1', '2'], ['++1', '1'],
  ['9223372036854775807 + 1', '-9223372036854775808'], ['2**63', '-9223372036854775808'], ['2**64', '0'],
  ['3**40', '-6289078614652622815'], ['1<<64', '1'], ['unset_var + 1', '1'],
]

const ERRORS: [expr: string, message: string][] = [
  ['1/0', '1/0: division by 0 (error token is "0")'],
  ['5%0', '5%0: division by 0 (error token is "0")'],
  ['1/0+2', '1/0+2: division by 0 (error token is "+2")'],
  [' 1 / 0 ', '1 / 0 : division by 0 (error token is "0 ")'],
  ['1 +', '1 +: syntax error: operand expected (error token is "+")'],
  ['1 2', '1 2: syntax error in expression (error token is "2")'],
  ['5 @ 3', '5 @ 3: syntax error: invalid arithmetic operator (error token is "@ 3")'],
  ['(1+2', "(1+2: missing `)' (error token is \"2\")"],
  ['2**-1', '2**-1: exponent less than 0 (error token is "1")'],
  ['09', '09: value too great for base (error token is "09")'],
  ['2#12', '2#12: value too great for base (error token is "2#12")'],
  ['65#1', '65#1: invalid arithmetic base (error token is "65#1")'],
  ['1=2', '1=2: attempted assignment to non-variable (error token is "=2")'],
  ['1 ? 2', "1 ? 2: `:' expected for conditional expression (error token is \"2\")"],
]

describe('evaluateArith', () => {
  it.each(VALUES)('%j = %s', (expr, value) => {
    expect(String(evaluateArith(expr, vars()))).toBe(value)
  })

  it.each(ERRORS)('%j fails as bash does', (expr, message) => {
    expect(() => evaluateArith(expr, vars())).toThrow(new ArithError(message))
  })

  it('reads names with values that are themselves expressions; unset and empty are 0', () => {
    const v = vars({ x: 'y+1', y: '2', e: '' })
    expect(evaluateArith('x*2 + e + nope', v)).toBe(6n)
    expect(evaluateArith('o + h', vars({ o: '010', h: '0x10' }))).toBe(24n)
  })

  it('assigns with = and op=, right to left', () => {
    const v = vars({ a: '10' })
    expect(evaluateArith('b = a += 5', v)).toBe(15n)
    expect([v.map.get('a'), v.map.get('b')]).toEqual(['15', '15'])
    expect(evaluateArith('a -= 1, a *= 2, a /= 4, a %= 4, a <<= 3, a >>= 1, a |= 1, a &= 5, a ^= 7', v)).toBe(2n)
  })

  it('pre- and post-increment and decrement', () => {
    const v = vars({ i: '1' })
    expect(evaluateArith('i++ + ++i', v)).toBe(4n)
    expect(v.map.get('i')).toBe('3')
    expect(evaluateArith('i-- - --i', v)).toBe(2n)
    expect(v.map.get('i')).toBe('1')
  })

  it('short-circuits && || and ?: without assigning on the skipped side', () => {
    const v = vars()
    expect(evaluateArith('0 && (x = 1)', v)).toBe(0n)
    expect(evaluateArith('1 || y++', v)).toBe(1n)
    expect(evaluateArith('1 ? (a = 2) : (b = 3)', v)).toBe(2n)
    expect([...v.map.keys()]).toEqual(['a'])
  })

  it('does not divide on a skipped side', () => {
    expect(evaluateArith('0 && 1/0', vars())).toBe(0n)
  })

  it('caps recursion through self-referencing variables', () => {
    expect(() => evaluateArith('x', vars({ x: 'x' }))).toThrow('x: expression recursion level exceeded (error token is "x")')
  })

  it('caps nesting depth and expression length', () => {
    const deep = '('.repeat(MAX_ARITH_DEPTH + 1) + '1' + ')'.repeat(MAX_ARITH_DEPTH + 1)
    expect(() => evaluateArith(deep, vars())).toThrow(/expression recursion level exceeded/)
    expect(() => evaluateArith('1+'.repeat(MAX_ARITH_CHARS) + '1', vars())).toThrow(/expression too long/)
  })

  it('huge exponents cost little and wrap', () => {
    expect(evaluateArith('(-1)**1000000000001', vars())).toBe(-1n)
    expect(evaluateArith('2**1000000000000', vars())).toBe(0n)
  })
})
