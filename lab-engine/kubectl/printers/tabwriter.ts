// Column alignment as Go's text/tabwriter does it for kubectl.
//
// Follows k8s.io/cli-runtime/pkg/printers/tabwriter.go (GetNewTabWriter: minwidth 6,
// padding 3, pad ' ', flags 0), which the custom-columns printer also uses: every cell but the
// last on a line is padded to its column's width; the last cell is never padded.

export const TABLE_MIN_WIDTH = 6
export const TAB_PADDING = 3

/** Lays out rows of cells; each line ends with "\n" and has no trailing spaces. */
export function alignRows(rows: readonly (readonly string[])[], minWidth = TABLE_MIN_WIDTH): string {
  const widths: number[] = []
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, Math.max(width(cell) + TAB_PADDING, minWidth))
    })
  }
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell)))).join('').replace(/ +$/, '') + '\n').join('')
}

function width(text: string): number {
  return [...text].length
}
