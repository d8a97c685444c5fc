// Arithmetic operators: bash's integer operations on 64-bit two's-complement values (wrap, no overflow error).
import { ArithFault } from './arith-lexer'

/** intmax_t wrap-around: bash does no overflow checking (expr.c). */
export const wrap = (v: bigint): bigint => BigInt.asIntN(64, v)
export const bool = (b: boolean): bigint => (b ? 1n : 0n)

/** One binary operator on 64-bit values; `/` and `%` truncate toward zero, as C (and bash) do. */
export function binaryOp(op: string, a: bigint, b: bigint): bigint {
  switch (op) {
    case '+': return wrap(a + b)
    case '-': return wrap(a - b)
    case '*': return wrap(a * b)
    case '/': case '%':
      if (b === 0n) throw new ArithFault('division by 0')
      return wrap(op === '/' ? a / b : a % b)
    case '<<': return wrap(a << (b & 63n))
    case '>>': return a >> (b & 63n)
    case '&': return a & b
    case '|': return a | b
    case '^': return a ^ b
    case '==': return bool(a === b)
    case '!=': return bool(a !== b)
    case '<': return bool(a < b)
    case '<=': return bool(a <= b)
    case '>': return bool(a > b)
    default: return bool(a >= b)
  }
}

/** Square-and-multiply with wrap-around at each step, so `2**100000` costs 17 steps, not a huge BigInt. */
export function pow(base: bigint, exp: bigint): bigint {
  let result = 1n
  let b = base
  let e = exp
  while (e > 0n) {
    if (e & 1n) result = wrap(result * b)
    b = wrap(b * b)
    e >>= 1n
  }
  return result
}
