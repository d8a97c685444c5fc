// Toolbox: one container per session on the `kind` docker network, with kubectl, istioctl and curl — the learner's shell and files live here.
//
// It gets the cluster's internal kubeconfig (server https://<name>-control-plane:6443,
// reachable on the kind network) and the repo's content/samples read-only.
// Every docker call is an argv array; file paths reach the container's shell
// as positional arguments ("$1"), never spliced into script text.
import { posix } from 'node:path'
import { DriverError } from '../cluster-driver'
import { commandError, runOk, type CommandRunner, type RunResult } from './command-runner'
import { internalKubeconfigArgv, type KindCluster } from './cluster-commands'

/** Every toolbox carries this label with the pool's cluster prefix as its value (orphan clean-up finds them by it). */
export const TOOLBOX_LABEL = 'mesh-dojo.toolbox'
export const TOOLBOX_HOME = '/home/learner'
/** Keeps a fork bomb in a learner's shell inside the container. */
const TOOLBOX_PIDS_LIMIT = '1024'
const WRITE_FILE_SCRIPT = 'mkdir -p -- "$(dirname -- "$1")" && cat > "$1"'

export interface ToolboxSpec {
  readonly prefix: string
  readonly sessionId: string
  readonly cluster: KindCluster
  readonly image: string
  readonly samplesDir: string
}

export interface Toolbox {
  /** The container's name (what `docker exec` takes). */
  readonly name: string
}

export function toolboxName(prefix: string, sessionId: string): string {
  return `${prefix}-toolbox-${sessionId.replace(/[^a-zA-Z0-9_.-]/g, '-')}`
}

export function runToolboxArgv(s: ToolboxSpec): string[] {
  return [
    'docker', 'run', '-d',
    '--name', toolboxName(s.prefix, s.sessionId),
    '--network', 'kind',
    '--label', `${TOOLBOX_LABEL}=${s.prefix}`,
    '--label', `mesh-dojo.cluster=${s.cluster.name}`,
    '--pids-limit', TOOLBOX_PIDS_LIMIT,
    '-w', TOOLBOX_HOME,
    '-v', `${s.samplesDir}:${TOOLBOX_HOME}/samples:ro`,
    s.image, 'sleep', 'infinity',
  ]
}

/** `docker exec` in the toolbox; `-i` when stdin is fed. */
export function toolboxExecArgv(tb: Toolbox, argv: readonly string[], withStdin = false): string[] {
  return ['docker', 'exec', ...(withStdin ? ['-i'] : []), tb.name, ...argv]
}

export function listToolboxesArgv(prefix: string): string[] {
  return ['docker', 'ps', '-a', '--filter', `label=${TOOLBOX_LABEL}=${prefix}`, '--format', '{{.Names}}']
}

export function removeToolboxesArgv(names: readonly string[]): string[] {
  return ['docker', 'rm', '-f', ...names]
}

/** Relative paths and `~/` are under the learner's home, as in the sim. */
export function toolboxPath(path: string): string {
  if (path === '~') return TOOLBOX_HOME
  if (path.startsWith('~/')) return posix.join(TOOLBOX_HOME, path.slice(2))
  return posix.resolve(TOOLBOX_HOME, path)
}

/** Starts the container (replacing a leftover of the same name) and gives it the cluster's internal kubeconfig. */
export async function createToolbox(runner: CommandRunner, s: ToolboxSpec, timeoutMs: number): Promise<Toolbox> {
  const tb: Toolbox = { name: toolboxName(s.prefix, s.sessionId) }
  await runner.run(removeToolboxesArgv([tb.name]), { timeoutMs }) // "No such container" is the usual answer
  await runOk(runner, runToolboxArgv(s), { timeoutMs }, 'start the toolbox container')
  const kubeconfig = await runOk(runner, internalKubeconfigArgv(s.cluster), { timeoutMs }, 'read the internal kubeconfig')
  await writeToolboxFile(runner, tb, '.kube/config', kubeconfig, timeoutMs)
  return tb
}

export async function writeToolboxFile(runner: CommandRunner, tb: Toolbox, path: string, text: string, timeoutMs: number): Promise<void> {
  const argv = toolboxExecArgv(tb, ['sh', '-c', WRITE_FILE_SCRIPT, 'sh', toolboxPath(path)], true)
  await runOk(runner, argv, { timeoutMs, stdin: text }, `write ${path}`)
}

export async function readToolboxFile(runner: CommandRunner, tb: Toolbox, path: string, timeoutMs: number): Promise<string> {
  const argv = toolboxExecArgv(tb, ['cat', '--', toolboxPath(path)])
  const r = await runner.run(argv, { timeoutMs })
  if (r.exitCode === 0 && !r.timedOut) return r.stdout
  if (/No such file or directory/.test(r.stderr)) throw new DriverError('not-found', `${path}: no such file in the toolbox`)
  throw commandError(`read ${path}`, argv, r, timeoutMs)
}

/** A shell script in the toolbox, as the learner's own shell would run it (`bashFlags` such as `-e` go before `-c`). */
export function runInToolbox(runner: CommandRunner, tb: Toolbox, script: string, timeoutMs: number, bashFlags: readonly string[] = []): Promise<RunResult> {
  return runner.run(toolboxExecArgv(tb, ['bash', ...bashFlags, '-c', script]), { timeoutMs })
}

export async function removeToolbox(runner: CommandRunner, tb: Toolbox, timeoutMs: number): Promise<void> {
  await runOk(runner, removeToolboxesArgv([tb.name]), { timeoutMs }, 'remove the toolbox container')
}

/** Removes every toolbox of this prefix not in `keep`; returns the names removed. */
export async function removeOrphanToolboxes(runner: CommandRunner, prefix: string, keep: ReadonlySet<string>, timeoutMs: number): Promise<string[]> {
  const out = await runOk(runner, listToolboxesArgv(prefix), { timeoutMs }, 'list toolbox containers')
  const orphans = out.split('\n').map((l) => l.trim()).filter((n) => n && !keep.has(n))
  if (orphans.length) await runOk(runner, removeToolboxesArgv(orphans), { timeoutMs }, 'remove orphan toolbox containers')
  return orphans
}
