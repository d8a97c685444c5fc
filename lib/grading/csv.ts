// CSV text per RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled, lines end in CRLF.
//
// A field starting with = + - @ (or a tab/CR) is prefixed with a quote mark so a
// spreadsheet does not run it as a formula (OWASP "CSV injection"); learner names
// and grader comments are user input. Numbers are written as they are.

const NEEDS_QUOTES = /[",\r\n]/
const FORMULA_START = /^[=+\-@\t\r]/

export type CsvValue = string | number | null | undefined

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`
}
