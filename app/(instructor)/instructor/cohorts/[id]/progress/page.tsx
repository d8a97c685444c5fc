// The cohort progress matrix: learners x modules and labs, one server-rendered page at a time, with filters and CSV export.
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/app/_components/page-header'
import { ApiError } from '@/lib/api/api-error'
import { isUuid } from '@/lib/api/ids'
import { requireUser } from '@/lib/auth/page-session'
import { rolesWith } from '@/lib/auth/roles'
import type { SessionUser } from '@/lib/auth/sessions'
import { previewHref } from '@/lib/cohorts/course-columns'
import { matrixQueryFromSearch, matrixSearchString, type MatrixQuery } from '@/lib/cohorts/matrix-query'
import { progressMatrix, type ProgressMatrix } from '@/lib/cohorts/progress-matrix'
import { getPrisma } from '@/lib/db/global'
import { pageData } from '@/lib/http/page-api-errors'
import { MatrixCellView } from './matrix-cell'
import { MatrixFilters } from './matrix-filters'

export const metadata = { title: 'Cohort progress' }

type SearchParams = Record<string, string | string[] | undefined>

export default async function ProgressPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params
  const user = await requireUser(rolesWith('cohorts:manage'), `/instructor/cohorts/${id}/progress`)
  if (!isUuid(id)) notFound()
  const query = matrixQueryFromSearch(await searchParams)
  const matrix = await pageData(matrixOrUnfiltered(user, id, query))
  const base = `/instructor/cohorts/${id}/progress`
  return (
    <>
      <PageHeader
        title={`${matrix.cohort.name}: progress`}
        description={`${matrix.total} learner${matrix.total === 1 ? '' : 's'} match. Scores are effective scores (a grader's override when set, marked *).`}
        actions={<Link className="btn-secondary" href={`/api/cohorts/${id}/progress.csv${matrixSearchString({ ...query, page: undefined })}`} data-testid="export-csv" prefetch={false}>Export CSV</Link>}
      />
      <p className="mb-4 text-sm"><Link className="underline" href={`/instructor/cohorts/${id}`}>← {matrix.cohort.name}</Link></p>
      <MatrixFilters action={base} query={query} columns={matrix.columns} />
      <MatrixTable matrix={matrix} cohortId={id} />
      <Pager base={base} query={query} matrix={matrix} />
    </>
  )
}

/** A filter naming a column that no longer exists shows the unfiltered matrix instead of an error screen. */
async function matrixOrUnfiltered(user: SessionUser, id: string, query: MatrixQuery): Promise<ProgressMatrix> {
  try {
    return await progressMatrix(getPrisma(), user, id, query)
  } catch (err) {
    if (err instanceof ApiError && err.code === 'validation_failed') return progressMatrix(getPrisma(), user, id, { page: 1 })
    throw err
  }
}

function MatrixTable({ matrix, cohortId }: { matrix: ProgressMatrix; cohortId: string }) {
  if (matrix.rows.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No learner matches these filters.</p>
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
      <table className="text-left text-xs" data-testid="progress-matrix">
        <caption className="sr-only">Progress of each learner (rows) in each module and lab (columns)</caption>
        <thead className="bg-slate-50 text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <th scope="col" className="sticky left-0 bg-slate-50 px-3 py-2 text-sm dark:bg-slate-900">Learner</th>
            {matrix.columns.map((c) => (
              <th key={`${c.kind}:${c.slug}`} scope="col" className={`min-w-28 px-2 py-2 align-bottom font-medium ${c.kind === 'module' ? 'border-l border-slate-200 dark:border-slate-800' : ''}`}>
                <Link className="hover:underline" href={previewHref(c)} title={`Preview ${c.title}`}>{c.title}</Link>
                <span className="block font-normal text-slate-600 dark:text-slate-400">
                  {c.kind === 'module' ? 'module' : <>lab · <Link className="underline" href={`/instructor/cohorts/${cohortId}/labs/${c.slug}`}>stats<span className="sr-only"> for {c.title}</span></Link></>}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.learner.id} className="border-t border-slate-200 dark:border-slate-800" data-learner={row.learner.email}>
              <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-sm font-normal dark:bg-slate-950">
                <Link className="underline" href={`/grader/learners/${row.learner.id}`}>{row.learner.name}</Link>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{row.learner.email}</span>
              </th>
              {row.cells.map((cell, i) => <MatrixCellView key={i} cell={cell} column={matrix.columns[i]!} />)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Pager({ base, query, matrix }: { base: string; query: MatrixQuery; matrix: ProgressMatrix }) {
  if (matrix.pageCount <= 1) return null
  const href = (page: number) => `${base}${matrixSearchString({ ...query, page })}`
  return (
    <nav aria-label="Matrix pages" className="mt-4 flex items-center gap-3 text-sm">
      {matrix.page > 1 ? <Link className="btn-secondary" href={href(matrix.page - 1)} rel="prev">Previous</Link> : null}
      <span>Page {matrix.page} of {matrix.pageCount}</span>
      {matrix.page < matrix.pageCount ? <Link className="btn-secondary" href={href(matrix.page + 1)} rel="next">Next</Link> : null}
    </nav>
  )
}
