// The content check's command line: prints `file:line: message` per problem and a summary; exit 1 on problems.
import { checkContent } from './check-content'

export function contentCheckMain(repoRoot: string, out: (s: string) => void): number {
  const report = checkContent(repoRoot)
  for (const p of report.problems) out(`${p.file}:${p.line}: ${p.message}\n`)
  out(`${report.problems.length ? `${report.problems.length} problems` : 'content ok'}: ${report.modules} modules, ${report.labs} labs checked\n`)
  return report.problems.length ? 1 : 0
}
