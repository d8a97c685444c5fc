// The matrix's filters as a plain GET form: they work without JavaScript and the address can be shared.
import type { CourseColumn } from '@/lib/cohorts/course-columns'
import { CELL_STATES, CELL_STATE_LABELS, MAX_MATRIX_SEARCH, type MatrixQuery } from '@/lib/cohorts/matrix-query'

export function MatrixFilters({ action, query, columns }: { action: string; query: MatrixQuery; columns: CourseColumn[] }) {
  return (
    <form method="get" action={action} className="card mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter learners">
      <div>
        <label htmlFor="matrix-q" className="label">Name or email</label>
        <input id="matrix-q" name="q" type="search" className="input" defaultValue={query.q ?? ''} maxLength={MAX_MATRIX_SEARCH} />
      </div>
      <div>
        <label htmlFor="matrix-state" className="label">State</label>
        <select id="matrix-state" name="state" className="input" defaultValue={query.state ?? ''}>
          <option value="">Any</option>
          {CELL_STATES.map((s) => <option key={s} value={s}>{CELL_STATE_LABELS[s]}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="matrix-column" className="label">In</label>
        <select id="matrix-column" name="column" className="input" defaultValue={query.column ?? ''}>
          <option value="">any module or lab</option>
          {columns.map((c) => <option key={`${c.kind}:${c.slug}`} value={c.slug}>{c.kind === 'lab' ? `Lab: ${c.title}` : `Module: ${c.title}`}</option>)}
        </select>
      </div>
      <button type="submit" className="btn-primary">Filter</button>
      <a href={action} className="btn-secondary">Clear</a>
    </form>
  )
}
