// The progress matrix as CSV (RFC 4180): one row per learner, a state column per module and a state and score column per lab.
import type { CourseColumn } from './course-columns'
import type { MatrixRow } from './progress-matrix'
import { CELL_STATE_LABELS } from './matrix-query'

/**
 * RFC 4180 field: quoted when it holds a comma, quote, CR or LF, with quotes doubled. A field a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe (OWASP's
 * CSV injection advice), since learner names are free text.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvLine(fields: (string | number | null)[]): string {
  return fields.map(csvField).join(',') + '\r\n'
}

function header(columns: CourseColumn[]): string[] {
  return ['name', 'email', ...columns.flatMap((c) => (c.kind === 'module' ? [c.slug] : [c.slug, `${c.slug} score`]))]
}

function fields(row: MatrixRow, columns: CourseColumn[]): (string | number | null)[] {
  const cells = columns.flatMap((c, i) => {
    const cell = row.cells[i]!
    return c.kind === 'module' ? [CELL_STATE_LABELS[cell.state]] : [CELL_STATE_LABELS[cell.state], cell.score]
  })
  return [row.learner.name, row.learner.email, ...cells]
}

/** The whole CSV document, header first, CRLF line ends. */
export function matrixCsv(columns: CourseColumn[], rows: MatrixRow[]): string {
  return [header(columns), ...rows.map((r) => fields(r, columns))].map(csvLine).join('')
}

/** A file name safe in a Content-Disposition header. */
export function csvFileName(cohortName: string): string {
  const base = cohortName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'cohort'
  return `${base.slice(0, 60)}-progress.csv`
}
