// One cell of the progress matrix: its state in words (never colour alone) and, once graded, the effective score.
import type { CourseColumn } from '@/lib/cohorts/course-columns'
import type { MatrixCell } from '@/lib/cohorts/matrix-cells'
import { CELL_STATE_LABELS, type CellState } from '@/lib/cohorts/matrix-query'

const TONE: Record<CellState, string> = {
  not_started: 'text-slate-600 dark:text-slate-400',
  in_progress: 'bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
  submitted: 'bg-sky-50 text-sky-900 dark:bg-sky-950 dark:text-sky-100',
  graded: 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
  completed: 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
}

export function MatrixCellView({ cell, column }: { cell: MatrixCell; column: CourseColumn }) {
  const border = column.kind === 'module' ? 'border-l border-slate-200 dark:border-slate-800' : ''
  return (
    <td className={`px-2 py-2 ${border} ${TONE[cell.state]}`} data-column={column.slug} data-state={cell.state}>
      {CELL_STATE_LABELS[cell.state]}
      {cell.state === 'graded' && cell.score !== null && (
        <span className="block font-semibold" data-testid="cell-score">
          {cell.score}{cell.maxScore !== null ? `/${cell.maxScore}` : ''}
          {cell.overridden && <abbr title="Score overridden by a grader">*</abbr>}
        </span>
      )}
    </td>
  )
}
