// What the progress matrix is asked for: a learner search, a cell state (optionally in one column), a page.
import { z } from 'zod'
import { ApiError } from '@/lib/api/api-error'

/** Learners per page of the matrix; 50 rows x 24 columns renders well under the 1 s target. */
export const MATRIX_PAGE_SIZE = 50
export const MAX_MATRIX_SEARCH = 100
export const MAX_MATRIX_PAGE = 10_000

/** Modules are completed (every section read, every quiz answered); labs are submitted, then graded. */
export const CELL_STATES = ['not_started', 'in_progress', 'submitted', 'graded', 'completed'] as const
export type CellState = (typeof CELL_STATES)[number]

export const CELL_STATE_LABELS: Record<CellState, string> = {
  not_started: 'not started',
  in_progress: 'in progress',
  submitted: 'submitted',
  graded: 'graded',
  completed: 'completed',
}

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v)

export const matrixQuerySchema = z.strictObject({
  q: z.preprocess(blankToUndefined, z.string().trim().max(MAX_MATRIX_SEARCH, `Search at most ${MAX_MATRIX_SEARCH} characters.`).optional()),
  state: z.preprocess(blankToUndefined, z.enum(CELL_STATES, { message: `State is one of ${CELL_STATES.join(', ')}.` }).optional()),
  /** The column (module or lab slug) the state applies to; any column when absent. */
  column: z.preprocess(blankToUndefined, z.string().max(80).regex(/^[a-z0-9][a-z0-9-]*$/, 'Column is a module or lab slug.').optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int('Page is a whole number.').min(1).max(MAX_MATRIX_PAGE).default(1)),
})
export type MatrixQuery = z.infer<typeof matrixQuerySchema>

function entriesOf(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const pairs = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params)
  return Object.fromEntries(pairs.map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : (v ?? '')]))
}

/** For the API: bad input is a 400 naming the problem. */
export function parseMatrixQuery(params: URLSearchParams): MatrixQuery {
  const parsed = matrixQuerySchema.safeParse(entriesOf(params))
  if (!parsed.success) throw new ApiError('validation_failed', parsed.error.issues[0]?.message ?? 'Invalid matrix query.')
  return parsed.data
}

/** For the page: a hand-edited address falls back to the unfiltered first page rather than an error screen. */
export function matrixQueryFromSearch(params: Record<string, string | string[] | undefined>): MatrixQuery {
  const parsed = matrixQuerySchema.safeParse(entriesOf(params))
  return parsed.success ? parsed.data : { page: 1 }
}

/** The query string for a matrix address (page, CSV export), without empty values. */
export function matrixSearchString(query: Partial<MatrixQuery>): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) params.set(k, String(v))
  const s = params.toString()
  return s ? `?${s}` : ''
}
