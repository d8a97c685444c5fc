// Tests for label selector parsing and matching.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LabelSelectorError, fromLabelSelector, matches, parseSelector, selectorToString } from './label-selector'

const web = { app: 'web', tier: 'frontend', env: 'prod', replicas: '3' }

describe('parseSelector + matches', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['', web, true],
    ['app=web', web, true],
    ['app==web', web, true],
    ['app=db', web, false],
    ['app!=db', web, true],
    ['missing!=x', web, true],
    ['app!=web', web, false],
    ['env in (prod,qa)', web, true],
    ['env in (qa)', web, false],
    ['env notin (qa)', web, true],
    ['missing notin (qa)', web, true],
    ['env notin (prod)', web, false],
    ['tier', web, true],
    ['missing', web, false],
    ['!missing', web, true],
    ['!tier', web, false],
    ['app=web,tier=frontend', web, true],
    ['app=web, tier=backend', web, false],
    ['app = web', web, true],
    ['replicas>2', web, true],
    ['replicas<3', web, false],
    ['app>2', web, false],
    ['example.com/role=x', { 'example.com/role': 'x' }, true],
    ['app=', { app: '' }, true],
    ['app=', web, false],
  ]
  it.each(cases)('%j on %j is %s', (text, labels, expected) => {
    expect(matches(parseSelector(text), labels)).toBe(expected)
  })

  it('matches nothing-labelled objects only with negative requirements', () => {
    expect(matches(parseSelector('!a,b!=c,d notin (e)'), undefined)).toBe(true)
    expect(matches(parseSelector('a'), undefined)).toBe(false)
  })
})

describe('parse errors', () => {
  const bad: [string, string][] = [
    ['app in web', "unable to parse requirement: found 'web', expected: '('"],
    ['app in ()', "unable to parse requirement: for 'in', 'notin' operators, values set can't be empty"],
    ['app=web,', "found '', expected: identifier after ','"],
    ['=web', "found '=', expected: !, identifier, or 'end of string'"],
    ['app web', "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt"],
    ['app=web)', "found ')', expected: ',' or 'end of string'"],
    ['app in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['replicas>x', "unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer"],
    ['-bad=x', 'unable to parse requirement: key: Invalid value: "-bad"'],
    ['app=-x', 'unable to parse requirement: values[0][-x]: Invalid value'],
    ['!app=x', "unable to parse requirement: found '=', expected: ',' or 'end of string'"],
  ]
  it.each(bad)('%j fails with %j', (text, message) => {
    expect(() => parseSelector(text)).toThrow(LabelSelectorError)
    expect(() => parseSelector(text)).toThrow(message)
  })

  it('never throws anything but LabelSelectorError on random input', () => {
    const alphabet = fc.constantFrom(...'ab=!(),<> in notin-_./x1 '.split(''), 'in', 'notin', '==', '!=')
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(alphabet, { maxLength: 24 }).map((xs) => xs.join('')))
    fc.assert(
      fc.property(text, (s) => {
        try {
          const sel = parseSelector(s)
          matches(sel, { a: 'b' })
          expect(parseSelector(selectorToString(sel))).toEqual(sel)
        } catch (err) {
          if (!(err instanceof LabelSelectorError)) throw err
        }
      }),
      { numRuns: 2000 },
    )
  })
})

describe('LabelSelector objects', () => {
  it('ANDs matchLabels and matchExpressions', () => {
    const sel = fromLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'qa'] }, { key: 'legacy', operator: 'DoesNotExist' }],
    })
    expect(matches(sel, web)).toBe(true)
    expect(matches(sel, { ...web, legacy: 'y' })).toBe(false)
    expect(selectorToString(sel)).toBe('app=web,env in (prod,qa),!legacy')
  })

  it('rejects unknown operators and In without values', () => {
    expect(() => fromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toThrow(LabelSelectorError)
    expect(() => fromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] })).toThrow("values set can't be empty")
  })
})
