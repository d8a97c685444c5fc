// exec checks: a command in a pod, judged by exit code and standard output.
import type { ExecCheck } from '../check-schema'
import type { CheckContext, Verdict } from '../check-outcome'

export async function execVerdict(check: ExecCheck, ctx: CheckContext): Promise<Verdict> {
  const r = await ctx.driver.exec({ namespace: check.pod.namespace, selector: check.pod.selector }, check.command, { container: check.pod.container, timeoutMs: 30_000 })
  const e = check.expect
  const problems = [
    e.exitCode !== undefined && r.exitCode !== e.exitCode ? `exit code ${r.exitCode}` : null,
    e.stdoutContains !== undefined && !r.stdout.includes(e.stdoutContains) ? 'output lacks the expected text' : null,
    e.stdoutMatches !== undefined && !new RegExp(e.stdoutMatches).test(r.stdout) ? 'output does not match' : null,
    e.stdoutEquals !== undefined && r.stdout.trim() !== e.stdoutEquals.trim() ? 'output differs' : null,
  ].filter((p): p is string => p !== null)
  const shown = (r.stdout || r.stderr).trim().split('\n').slice(0, 3).join(' / ').slice(0, 200)
  return { passed: problems.length === 0, observed: `\`${check.command.join(' ')}\` exited ${r.exitCode}${shown ? `: ${shown}` : ''}`, details: { exitCode: r.exitCode, stdout: r.stdout.slice(0, 2_000), stderr: r.stderr.slice(0, 2_000) } }
}
