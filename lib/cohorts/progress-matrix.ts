// The cohort progress matrix: learners (rows) x modules and labs (columns), filtered and paged on the server.
import type { PrismaClient } from '@/prisma/generated/client'
import { ApiError } from '@/lib/api/api-error'
import type { SessionUser } from '@/lib/auth/sessions'
import { cohortForStaff } from './cohorts'
import { courseColumns, type CourseColumn } from './course-columns'
import { cellKey, cohortLearners, EMPTY_CELL, loadCells, type MatrixCell, type MatrixLearner } from './matrix-cells'
import { MATRIX_PAGE_SIZE, type MatrixQuery } from './matrix-query'

export interface MatrixRow {
  learner: MatrixLearner
  /** One cell per column, in column order. */
  cells: MatrixCell[]
}

export interface ProgressMatrix {
  cohort: { id: string; name: string }
  columns: CourseColumn[]
  rows: MatrixRow[]
  /** Learners matching the filters (all pages). */
  total: number
  page: number
  pageCount: number
  pageSize: number
}

function rowOf(learner: MatrixLearner, columns: CourseColumn[], cells: Map<string, MatrixCell>): MatrixRow {
  return { learner, cells: columns.map((c) => cells.get(cellKey(learner.id, c.kind, c.slug)) ?? EMPTY_CELL) }
}

/** Rows with the wanted state in the chosen column (any column when none is chosen). */
function stateFilter(query: MatrixQuery, columns: CourseColumn[]): ((row: MatrixRow) => boolean) | null {
  if (!query.state) return null
  const index = query.column ? columns.findIndex((c) => c.slug === query.column) : -1
  if (query.column && index < 0) throw new ApiError('validation_failed', `There is no module or lab "${query.column}".`)
  return index >= 0 ? (row) => row.cells[index]!.state === query.state : (row) => row.cells.some((c) => c.state === query.state)
}

/**
 * Every row matching the filters. Without a state filter only the wanted page's cells are loaded;
 * with one, the cells of every searched learner are (still three queries, whatever the cohort's size).
 */
async function filteredRows(db: PrismaClient, cohortId: string, query: MatrixQuery, columns: CourseColumn[], page?: number) {
  const learners = await cohortLearners(db, cohortId, query.q)
  const keep = stateFilter(query, columns)
  if (!keep && page !== undefined) {
    const slice = learners.slice((page - 1) * MATRIX_PAGE_SIZE, page * MATRIX_PAGE_SIZE)
    const cells = await loadCells(db, slice.map((l) => l.id))
    return { total: learners.length, rows: slice.map((l) => rowOf(l, columns, cells)) }
  }
  const cells = await loadCells(db, learners.map((l) => l.id))
  const rows = learners.map((l) => rowOf(l, columns, cells)).filter((r) => !keep || keep(r))
  const wanted = page === undefined ? rows : rows.slice((page - 1) * MATRIX_PAGE_SIZE, page * MATRIX_PAGE_SIZE)
  return { total: rows.length, rows: wanted }
}

/** One page of the matrix for the cohort's staff (or an admin). */
export async function progressMatrix(db: PrismaClient, user: SessionUser, cohortId: string, query: MatrixQuery): Promise<ProgressMatrix> {
  const cohort = await cohortForStaff(db, user, cohortId)
  const columns = await courseColumns()
  const { total, rows } = await filteredRows(db, cohortId, query, columns, query.page)
  const pageCount = Math.max(1, Math.ceil(total / MATRIX_PAGE_SIZE))
  return { cohort: { id: cohort.id, name: cohort.name }, columns, rows, total, page: query.page, pageCount, pageSize: MATRIX_PAGE_SIZE }
}

/** The whole filtered matrix (every page), for the CSV export. */
export async function fullMatrix(db: PrismaClient, user: SessionUser, cohortId: string, query: MatrixQuery) {
  const cohort = await cohortForStaff(db, user, cohortId)
  const columns = await courseColumns()
  const { rows } = await filteredRows(db, cohortId, query, columns)
  return { cohort: { id: cohort.id, name: cohort.name }, columns, rows }
}
