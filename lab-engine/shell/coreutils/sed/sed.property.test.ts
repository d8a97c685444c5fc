// Property (fast-check): random sed scripts over random input never throw out of sed, report their
// errors on stderr with a non-zero status, and stay within the output cap.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_OUTPUT_CHARS } from '../../io'
import { runDirect } from '../property-support'
import { sed } from './index'

const ADDRESS = fc.constantFrom('', '2', '$', '/a/', '\\|b|', '1,3', '/a/,/c/', '2,1', '$!', '/x/I', '0', '/[/')
const COMMAND = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('s/a/b/', 's/[0-9]\\+/<&>/g', 's|\\(.\\)|\\1\\1|2', 'd', 'p', 'q', 'Q 3', '=', 's/x*/-/g',
    's/a/\\n/', 'a tail', 'i head', 'c swap', '{p;d}', 's/(a|b)+/X/', 's/a/\\2/', 's/a/b/gI3p', 'y/ab/ba/', '}', '{p') },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
)
const SCRIPT = fc.array(fc.tuple(ADDRESS, COMMAND).map(([a, c]) => a + c), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(';'))
const LINE = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('a b c', 'abc123', 'xxaxx', 'c', ''))
const INPUT = fc.tuple(fc.array(LINE, { maxLength: 8 }), fc.boolean()).map(([l, nl]) => l.join('\n') + (nl ? '\n' : ''))
const OPTIONS = fc.constantFrom([], ['-n'], ['-E'], ['-n', '-E'], ['-s'])

describe('property: sed on random scripts', () => {
  it('never throws, prints its errors, and stays within the output cap', async () => {
    const outcomes = { ran: 0, failed: 0 }
    await fc.assert(fc.asyncProperty(SCRIPT, INPUT, OPTIONS, async (script, input, options) => {
      const r = await runDirect(sed, ['sed', ...options, script], input)
      outcomes[r.code === 1 || r.code === 4 ? 'failed' : 'ran']++
      expect(r.stdout.length + r.stderr.length).toBeLessThanOrEqual(MAX_OUTPUT_CHARS * 2)
      if ((r.code === 1 || r.code === 4) && !r.limited) expect(r.stderr).toMatch(/^sed: /)
      if (r.stderr) expect([1, 4]).toContain(r.code)
    }), { numRuns: 300 })
    // The generator must exercise running scripts, not only script errors.
    expect(outcomes.ran).toBeGreaterThan(50)
    expect(outcomes.failed).toBeGreaterThan(10)
  }, 60_000)
})
