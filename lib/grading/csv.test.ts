// CSV escaping follows RFC 4180 and keeps spreadsheet formulas inert.
import { describe, expect, it } from 'vitest'
import { csvField, csvLine } from './csv'

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-1,2', `"'-1,2"`],
    ['', ''],
  ])('escapes %j', (input, expected) => {
    expect(csvField(input)).toBe(expected)
  })

  it('writes numbers as numbers and null as an empty field, CRLF at the end', () => {
    expect(csvLine(['x', 7, null, undefined, -3])).toBe('x,7,,,-3\r\n')
  })
})
