// Go's text/tabwriter as istioctl's config writers use it: columns padded to the widest cell plus `padding`.
//
// istioctl's configdump writers call tabwriter.NewWriter(out, 0, 8, padding, ' ', 0)
// (padding 5 for clusters, routes and endpoints, 1 for listeners). Every tab-terminated
// cell is padded, so a row whose last column is empty keeps the trailing spaces of the
// cell before it, as the real output does.

export function goTable(rows: readonly (readonly string[])[], padding: number): string {
  const widths: number[] = []
  for (const row of rows) row.slice(0, -1).forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, [...cell].length + padding) })
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('') + '\n').join('')
}
