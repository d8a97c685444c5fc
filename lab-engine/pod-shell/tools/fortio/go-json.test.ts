// Go's json.MarshalIndent as fortio's result uses it: layout, key order, number and string forms.
import { describe, expect, it } from 'vitest'
import { GoJsonError, goMarshalIndent } from './go-json'

describe('goMarshalIndent', () => {
  it('indents by two spaces, keeps struct order, sorts map keys as strings and leaves undefined fields out', () => {
    const codes = new Map([['503', 1], ['200', 9], ['-1', 2]])
    expect(goMarshalIndent({ B: 1, A: [1, 2], Skip: undefined, Codes: codes, Empty: [], None: {}, Nil: null })).toBe(`{
  "B": 1,
  "A": [
    1,
    2
  ],
  "Codes": {
    "-1": 2,
    "200": 9,
    "503": 1
  },
  "Empty": [],
  "None": {},
  "Nil": null
}`)
  })

  it('prints floats as Go does and refuses NaN and infinities', () => {
    expect(goMarshalIndent([0.0000015, 0.00000015, 1e21, 123456.5, 100, -0])).toBe('[\n  0.0000015,\n  1.5e-7,\n  1e+21,\n  123456.5,\n  100,\n  -0\n]')
    expect(() => goMarshalIndent({ ActualQPS: Infinity })).toThrow(new GoJsonError('json: unsupported value: +Inf'))
    expect(() => goMarshalIndent([NaN])).toThrow('json: unsupported value: NaN')
  })

  it('escapes strings HTML-safely and replaces lone surrogates', () => {
    expect(goMarshalIndent('a<b>&"\\\n\t\u0001\u2028é😀\ud800')).toBe('"a\\u003cb\\u003e\\u0026\\"\\\\\\n\\t\\u0001\\u2028é😀\ufffd"')
  })
})
