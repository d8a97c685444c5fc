// pilot-agent in the istio-proxy image, and the seam through which a pod reaches its proxy's admin ports.
//
// istio/istio pilot/cmd/pilot-agent (cobra): `pilot-agent request <method> <path> [<body>]`
// sends one request to Envoy's admin port on localhost:15000 (`--debug-port`) and prints
// the body; a non-200 answer is an error ("received unsuccessful status code"). Istio's
// circuit-breaking task reads `pilot-agent request GET stats | grep httpbin | grep pending`.
// The mesh installs an EnvoyAdmin per session (setEnvoyAdmin); without one the admin port
// refuses connections, as it does before Envoy starts.
import type { ObjectStore } from '../../cluster/store'
import type { KubeObject } from '../../cluster/types'
import type { CommandSpec } from '../../shell/registry'

export interface EnvoyAdminAnswer { status: number; body: string; contentType: string }

/** Answers a request to one of a pod's proxy ports (15000/15020/15021/15090); undefined when nothing listens. */
export interface EnvoyAdmin {
  request(pod: KubeObject, port: number, method: string, pathAndQuery: string): EnvoyAdminAnswer | undefined
}

const installed = new WeakMap<ObjectStore, EnvoyAdmin>()

export function setEnvoyAdmin(store: ObjectStore, admin: EnvoyAdmin): void {
  installed.set(store, admin)
}

export function envoyAdminFor(store: ObjectStore): EnvoyAdmin | undefined {
  return installed.get(store)
}

const USAGE = 'Istio Pilot agent runs in the sidecar or gateway container and bootstraps Envoy.\n\nUsage:\n  pilot-agent [command]\n\nAvailable Commands:\n  completion    Generate the autocompletion script for the specified shell\n  help          Help about any command\n  istio-iptables Set up iptables rules for Istio Sidecar\n  proxy         XDS proxy agent\n  request       Makes an HTTP request to the Envoy admin API\n  version       Prints out build version information\n'

const REQUEST_HELP = 'Makes an HTTP request to the Envoy admin API\n\nUsage:\n  pilot-agent request <method> <path> [<body>] [flags]\n\nFlags:\n      --debug-port int32   Set the port to make a local request to. The default points to the Envoy admin API. (default 15000)\n  -h, --help               help for request\n'

/** The admin endpoint a pilot-agent runs next to: the pod it lives in and the session's EnvoyAdmin. */
export type AdminTarget = () => { pod: KubeObject; admin: EnvoyAdmin | undefined } | undefined

/** pilot-agent; `target` is absent outside a pod (usage, version and errors only). */
export function createPilotAgent(target?: AdminTarget): CommandSpec {
  return {
    name: 'pilot-agent',
    run(ctx) {
      const command = ctx.argv[1]
      if (command === undefined || command === 'help' || command === '--help' || command === '-h') { ctx.stdout.write(USAGE); return 0 }
      if (command === 'version') { ctx.stdout.write('1.26.0\n'); return 0 }
      if (command !== 'request') {
        ctx.stderr.write(`Error: unknown command "${command}" for "pilot-agent"\nRun 'pilot-agent --help' for usage.\n`)
        return 1
      }
      return request(ctx.argv.slice(2), target, ctx.stdout, ctx.stderr)
    },
  }
}

function request(args: string[], target: AdminTarget | undefined, stdout: { write(s: string): void }, stderr: { write(s: string): void }): number {
  if (args.includes('-h') || args.includes('--help')) { stdout.write(REQUEST_HELP); return 0 }
  let port = 15000
  const positional: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '--debug-port') port = Number(args[++i])
    else if (a.startsWith('--debug-port=')) port = Number(a.slice('--debug-port='.length))
    else positional.push(a)
  }
  if (positional.length < 2) { stderr.write(`Error: requires at least 2 arg(s), only received ${positional.length}\n`); return 1 }
  const [method, path] = positional as [string, string]
  const t = target?.()
  const answer = t?.admin?.request(t.pod, port, method.toUpperCase(), `/${path.replace(/^\/+/, '')}`)
  if (!answer) {
    stderr.write(`Error: failed to make request: Get "http://localhost:${port}/${path.replace(/^\/+/, '')}": dial tcp 127.0.0.1:${port}: connect: connection refused\n`)
    return 1
  }
  if (answer.status !== 200) { stderr.write(`Error: received unsuccessful status code ${answer.status}: ${answer.body}\n`); return 1 }
  stdout.write(answer.body)
  return 0
}

/** pilot-agent with no admin endpoint behind it (usage level). */
export const pilotAgent: CommandSpec = createPilotAgent()
