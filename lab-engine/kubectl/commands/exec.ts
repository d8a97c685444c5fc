// kubectl exec: runs a command in a container of a pod (or of the pod behind TYPE/NAME) through the pod shell.
//
// Follows k8s.io/kubectl/pkg/cmd/exec/exec.go (kubectl 1.33):
// - no `--`: `exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead`
//   as a usage error (`See 'kubectl exec -h' for help and examples`);
// - `cannot exec into a container in a completed pod; current phase is Succeeded`;
// - no -c: the default container, with podcmd's `Defaulted container ...` line;
// - -c naming no container: the API server's `container x is not valid for pod y` (BadRequest);
// - a container not running yet: the kubelet's `unable to upgrade connection: container not found ("x")`;
// - a remote non-zero exit: `command terminated with exit code N` and kubectl exits N.
// An unknown program is containerd's OCI error (kind runs containerd), exit 1.
// -it on the learner's terminal with a bare shell (`-- sh`, `-- bash`): the container's shell takes the
// terminal until it exits (shell/terminal.ts). -it without a terminal (a script, a pipe):
// `Unable to use a TTY - input is not a terminal or the right kind of file` (SetupTTY; -t alone just drops the TTY).

import { ApiError } from '../../cluster/api-error'
import { execInContainer, interactiveSession } from '../../pod-shell/pod-shell'
import { attachablePod, containerByName, containerRunning, defaultContainer, POD_RUNNING_TIMEOUT_MS } from './attachable-pod'
import { KubectlError, type Verb, type VerbContext } from './context'
import { bool, flag } from './flags'

const USAGE_SUFFIX = "\nSee 'kubectl exec -h' for help and examples"

export const execVerb: Verb = {
  name: 'exec',
  flags: [
    { name: 'container', short: 'c', value: true },
    { name: 'stdin', short: 'i' },
    { name: 'tty', short: 't' },
    { name: 'quiet', short: 'q' },
    { name: 'filename', short: 'f', value: true },
    { name: 'pod-running-timeout', value: true },
  ],
  async run(ctx) {
    const { args, dashArgs } = ctx.flags
    // Complete(): words after the pod without `--` are the removed legacy form; words between the pod and `--` are ignored.
    if (dashArgs === undefined && args.length > 1) throw new KubectlError(`exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead${USAGE_SUFFIX}`)
    if (args.length === 0) throw new KubectlError('pod, type/name or --filename must be specified')
    const command = dashArgs ?? []
    if (command.length === 0) throw new KubectlError('you must specify at least one command for the container')
    const quiet = bool(ctx.flags, 'quiet')
    const { pod } = await attachablePod(ctx, args[0]!, POD_RUNNING_TIMEOUT_MS)
    const phase = (pod.status as { phase?: string } | undefined)?.phase
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`)
    const named = flag(ctx.flags, 'container')
    const container = named !== undefined ? containerByName(pod, named) : defaultContainer(ctx, pod, { quiet, verb: 'exec' })
    if (!container) throw new ApiError('BadRequest', `container ${named} is not valid for pod ${pod.metadata.name}`)
    if (!containerRunning(pod, container.name)) throw new KubectlError(`unable to upgrade connection: container not found ("${container.name}")`)
    const target = { store: ctx.env.store, pod, container, clock: ctx.shell.clock }
    const tty = bool(ctx.flags, 'stdin') && bool(ctx.flags, 'tty')
    const terminal = tty ? ctx.shell.terminal : undefined
    const session = terminal && interactiveSession(target, command)
    if (session) return exitStatus(ctx, await terminal.attach(session))
    if (tty && !terminal && !quiet) ctx.err('Unable to use a TTY - input is not a terminal or the right kind of file\n')
    return runRemote(ctx, command, target)
  },
}

async function runRemote(ctx: VerbContext, command: string[], target: Parameters<typeof execInContainer>[0]): Promise<number> {
  const stdin = bool(ctx.flags, 'stdin') ? ctx.shell.stdin : ''
  const outcome = await execInContainer(target, command, { stdin, stdout: ctx.shell.stdout, stderr: ctx.shell.stderr, signal: ctx.shell.signal })
  if (outcome.kind === 'not-found') {
    throw new KubectlError(`Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId(target.pod.metadata.uid, command)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${outcome.program}": executable file not found in $PATH: unknown`)
  }
  return exitStatus(ctx, outcome.code)
}

/** A remote non-zero exit: kubectl says so and exits with it. */
function exitStatus(ctx: VerbContext, code: number): number {
  if (code !== 0) ctx.err(`command terminated with exit code ${code}\n`)
  return code
}

/** containerd's exec id: 64 hex digits; derived from the pod and command so transcripts stay stable. */
function execId(uid: string, command: readonly string[]): string {
  let out = ''
  let h = 0x811c9dc5
  const text = uid + '\0' + command.join('\0')
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i) ^ round, 0x01000193)
    out += (h >>> 0).toString(16).padStart(8, '0')
  }
  return out.slice(0, 64)
}
