// Property (fast-check): random awk programs over random input never throw out of awk, report their
// errors on stderr with a non-zero status, and stay within the output cap.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_OUTPUT_CHARS } from '../../io'
import { runDirect } from '../property-support'
import { awk } from './index'

const PATTERN = fc.constantFrom('', '/a/', '!/b/', 'NR==2', '$1 > 3', 'NF', '$2 ~ "x"', 'NR%2', '/a/,/c/', 'length > 4', '$NF == "1"')
const STATEMENT = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('print $1', 'print $NF, NR', 'n++', 's = s $2', 'a[$1]++', 'printf "%s-%d|%5.2f\\n", $1, $2, $3', 'gsub(/a/, "b")',
    'sub(/x*/, "&&")', 'if ($1 ~ /b/) print "y"; else next', 'for (k in a) print k, a[k]', 'print length($0), substr($0, 2, 3)',
    'split($0, p, ","); print p[1]', 'print toupper($1) tolower($2)', 'x = $1 / ($2 + 0.5)', 'while (i < 5) i++', '$3 = "z"',
    'NF = 2', 'print index($0, "a"), match($0, /[0-9]+/), RSTART', 'delete a', 'exit 3', 'print 1/0', 'print $(NF+2)',
    'do j++; while (j < 3)', 'for (i = 0; i < NF; i++) t = t $i', 'print -$1 ^ 2 % 7', 'print (1, 2) in a', 'getline') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
)
/** Mostly nothing; sometimes garbage after the program. */
const JUNK = fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) })
const ACTION = fc.array(STATEMENT, { maxLength: 4 }).map((s) => `{ ${s.join('; ')} }`)
const ITEM = fc.tuple(PATTERN, fc.option(ACTION)).map(([p, a]) => `${p} ${a ?? ''}`.trim() || '{}')
const PROGRAM = fc.tuple(fc.option(ACTION), fc.array(ITEM, { minLength: 1, maxLength: 3 }), fc.option(ACTION), JUNK)
  .map(([begin, items, end, junk]) => [begin && `BEGIN ${begin}`, ...items, end && `END ${end}`].filter(Boolean).join('\n') + junk)
const LINE = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('a b c', '1 2 3', 'x,y,z', 'ab 10 2.5', ''))
const INPUT = fc.array(LINE, { maxLength: 8 }).map((l) => l.join('\n') + '\n')
const OPTIONS = fc.constantFrom([], ['-F', ','], ['-F', '[ ,]+'], ['-v', 'n=5'], ['-F', '('])

describe('property: awk on random programs', () => {
  it('never throws, prints its errors, and stays within the output cap', async () => {
    const outcomes = { ran: 0, failed: 0 }
    await fc.assert(fc.asyncProperty(PROGRAM, INPUT, OPTIONS, async (program, input, options) => {
      const r = await runDirect(awk, ['awk', ...options, program], input)
      outcomes[r.code === 2 ? 'failed' : 'ran']++
      expect(r.stdout.length + r.stderr.length).toBeLessThanOrEqual(MAX_OUTPUT_CHARS * 2)
      if (r.code === 2 && !r.limited) expect(r.stderr).toMatch(/^awk: /)
      if (r.stderr) expect(r.code).not.toBe(0)
    }), { numRuns: 250 })
    // The generator must exercise running programs, not only syntax errors.
    expect(outcomes.ran).toBeGreaterThan(50)
    expect(outcomes.failed).toBeGreaterThan(10)
  }, 60_000)
})
