// The writer `kubectl describe` prints through: indentation levels and Go's text/tabwriter column blocks.
//
// Follows k8s.io/kubectl/pkg/describe (PrefixWriter: two spaces per level;
// tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)) and text/tabwriter's format():
// a column is aligned over each run of consecutive lines that have a cell in it.

const PADDING = 2

export class DescribeWriter {
  private readonly lines: string[] = []

  write(level: number, text: string): void {
    for (const line of text.split('\n')) this.lines.push('  '.repeat(level) + line)
  }

  /** Multi-line values (labels, annotations): first on the key's line, the rest under it. */
  list(level: number, key: string, entries: string[]): void {
    if (entries.length === 0) return this.write(level, `${key}:\t<none>`)
    entries.forEach((e, i) => this.write(level, i === 0 ? `${key}:\t${e}` : `\t${e}`))
  }

  text(): string {
    const rows = this.lines.map((l) => l.split('\t'))
    const out: string[] = rows.map(() => '')
    format(rows, out, 0, 0, rows.length)
    return out.map((l, i) => l + rows[i]![rows[i]!.length - 1]).join('\n') + '\n'
  }
}

function format(rows: string[][], out: string[], column: number, from: number, to: number): void {
  let i = from
  while (i < to) {
    if (column >= rows[i]!.length - 1) { i++; continue }
    const start = i
    let width = 0
    while (i < to && column < rows[i]!.length - 1) width = Math.max(width, [...rows[i++]![column]!].length + PADDING)
    for (let j = start; j < i; j++) out[j] += rows[j]![column]!.padEnd(width + rows[j]![column]!.length - [...rows[j]![column]!].length)
    format(rows, out, column + 1, start, i)
  }
}
