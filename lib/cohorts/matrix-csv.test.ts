// RFC 4180 fields and the CSV-injection guard of the progress export.
import { describe, expect, it } from 'vitest'
import { csvField, csvFileName, csvLine } from './matrix-csv'

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-x, y', `"'-x, y"`],
    ['@cmd', "'@cmd"],
    ['', ''],
  ])('writes %j as %j', (input, output) => {
    expect(csvField(input)).toBe(output)
  })

  it('writes numbers as they are (a negative score is not a formula) and null as empty', () => {
    expect(csvField(-3)).toBe('-3')
    expect(csvField(10)).toBe('10')
    expect(csvField(null)).toBe('')
  })
})

it('ends every line with CRLF', () => {
  expect(csvLine(['a', 'b,c', null])).toBe('a,"b,c",\r\n')
})

it('names the file after the cohort, safely', () => {
  expect(csvFileName('Istio "Bootcamp" — Spring/2030')).toBe('istio-bootcamp-spring-2030-progress.csv')
  expect(csvFileName('—')).toBe('cohort-progress.csv')
})
