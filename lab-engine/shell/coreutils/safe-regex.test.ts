// Safe regex tests: POSIX -> JS translation, GNU's error wording, and refusal of catastrophic patterns.
import { describe, expect, it } from 'vitest'
import { runCaptured, testShell } from '../test-support'
import { compileRegex, MAX_PATTERN_CHARS } from './safe-regex'

function matches(pattern: string, syntax: 'BRE' | 'ERE', text: string): boolean {
  const r = compileRegex(pattern, { syntax })
  if (!r.ok) throw new Error(r.message)
  return r.re.test(text)
}

function refusal(pattern: string, syntax: 'BRE' | 'ERE' = 'ERE'): string {
  const r = compileRegex(pattern, { syntax })
  return r.ok ? 'accepted' : r.message
}

describe('translation', () => {
  it.each([
    ['a\\(b\\)*c', 'BRE', 'abbc', true], ['a(b)c', 'BRE', 'a(b)c', true], ['a+', 'BRE', 'a+', true], ['a\\+', 'BRE', 'aaa', true],
    ['x\\{2\\}', 'BRE', 'xx', true], ['x\\{2\\}', 'BRE', 'x', false], ['*a', 'BRE', '*a', true], ['a{2,}', 'ERE', 'aa', true],
    ['[[:digit:]]+', 'ERE', 'v12', true], ['[[:upper:]]', 'ERE', 'abc', false], ['[]a]', 'ERE', ']', true], ['[^a-c]', 'ERE', 'abc', false],
    ['[\\]', 'ERE', '\\', true], ['a|b', 'ERE', 'b', true], ['a|b', 'BRE', 'a|b', true], ['\\(a\\)\\1', 'BRE', 'aa', true],
    ['(ab)\\1', 'ERE', 'abab', true], ['\\<is\\>', 'ERE', 'this is', true], ['^+', 'ERE', '+x', true], ['a{', 'ERE', 'a{', true],
  ] as const)('%s (%s) on %j -> %s', (pattern, syntax, text, expected) => {
    expect(matches(pattern, syntax, text)).toBe(expected)
  })

  it('reports GNU regcomp messages', () => {
    expect(refusal('[abc')).toBe('Unmatched [, [^, [:, [., or [=')
    expect(refusal('(ab')).toBe('Unmatched ( or \\(')
    expect(refusal('a\\)', 'BRE')).toBe('Unmatched ) or \\)')
    expect(refusal('\\1(a)')).toBe('Invalid back reference')
    expect(refusal('[[:nope:]]')).toBe('Invalid character class name')
    expect(refusal('a{3,1}')).toBe('Invalid content of \\{\\}')
    expect(refusal('x'.repeat(MAX_PATTERN_CHARS + 1))).toBe('regular expression too big')
  })
})

describe('ReDoS guard', () => {
  it.each(['(a+)+$', '(a*)*b', '(x+x+)+y', '(a|a)*$', '(a|ab)+c', '(.|a)*z', '(a|)*b', '\\(a*\\)*b'])('refuses %s', (pattern) => {
    const syntax = pattern.includes('\\(') ? 'BRE' : 'ERE'
    expect(refusal(pattern, syntax)).toMatch(/^pattern refused/)
  })

  it.each(['(foo|bar)*', '(ab)+', '([a-z]+)', 'a+b+c+', '(a+){2}', '.*foo.*bar'])('accepts %s', (pattern) => {
    expect(refusal(pattern)).toBe('accepted')
  })

  it('caps unbounded repeats', () => {
    expect(refusal('a*'.repeat(9))).toMatch(/more than 8 unbounded/)
  })

  it('grep -E with a catastrophic pattern on a long line answers with an error, not a hang', async () => {
    const shell = testShell()
    const line = 'a'.repeat(5000) + '!'
    const r = await runCaptured(shell, `grep -E '(a+)+$'`, line + '\n')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('grep: pattern refused: nested repetition (like (a+)+) can take exponential time\n')
    const ok = await runCaptured(shell, `grep -cE 'a+!$'`, line + '\n')
    expect(ok.stdout).toBe('1\n')
  })

  it('grep reports an unmatched bracket like GNU grep', async () => {
    const r = await runCaptured(testShell(), 'echo x | grep "[x"')
    expect(r).toEqual({ stdout: '', stderr: 'grep: Unmatched [, [^, [:, [., or [=\n', code: 2 })
  })
})
