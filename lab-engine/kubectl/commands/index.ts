// kubectl: one shell command that dispatches to verb families, each in its own file.
//
// Errors print as kubectl's cmdutil.CheckErr does: `error: ...` (or the server's
// `Error from server (Reason): ...`) and exit 1; flag errors add cobra's
// `See 'kubectl VERB --help' for usage.` line.

import type { CommandSpec } from '../../shell/registry'
import { annotateVerb, labelVerb } from './label'
import { applyVerb } from './apply'
import { errorLine, KubectlError, makeContext, type KubectlEnv, type Verb } from './context'
import { createVerb } from './create'
import { deleteVerb } from './delete'
import { describeVerb } from './describe'
import { FlagError, GLOBAL_FLAGS } from './flags'
import { getVerb } from './get'
import { POD_VERBS } from './pod-verbs'
import { apiResourcesVerb, clusterInfoVerb, configVerb, versionVerb } from './info'
import { rolloutVerb } from './rollout'
import { exposeVerb, runVerb } from './run-expose'
import { scaleVerb } from './scale'
import { setVerb } from './set'
import { UPDATE_VERBS } from './update-verbs'

export type { KubectlEnv } from './context'

export const VERBS: readonly Verb[] = [
  getVerb, describeVerb, applyVerb, createVerb, deleteVerb, labelVerb, annotateVerb, scaleVerb,
  runVerb, exposeVerb, setVerb, rolloutVerb, versionVerb, clusterInfoVerb, apiResourcesVerb, configVerb,
  ...UPDATE_VERBS,
  ...POD_VERBS,
]

const USAGE = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller

Cluster Management Commands:
  cluster-info    Display cluster information

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod

Advanced Commands:
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource

Other Commands:
  api-resources   Print the supported API resources on the server
  config          Modify kubeconfig files
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]
`

/** The `kubectl` command for a session. */
export function createKubectlCommand(env: KubectlEnv): CommandSpec {
  return {
    name: 'kubectl',
    async run(shell) {
      const argv = shell.argv.slice(1)
      const at = verbIndex(argv)
      if (at < 0) { shell.stdout.write(USAGE); return 0 }
      const name = argv[at]!
      const verb = VERBS.find((v) => v.name === name)
      if (!verb) { shell.stderr.write(`error: unknown command "${name}" for "kubectl"\n`); return 1 }
      const rest = [...argv.slice(0, at), ...argv.slice(at + 1)]
      let ctx
      try {
        ctx = makeContext(env, shell, name, rest, verb.flags)
      } catch (e) {
        if (!(e instanceof FlagError)) throw e
        shell.stderr.write(`error: ${e.message}\nSee 'kubectl ${name} --help' for usage.\n`)
        return 1
      }
      try {
        return await verb.run(ctx)
      } catch (e) {
        if (e instanceof FlagError || e instanceof KubectlError || isReportable(e)) {
          shell.stderr.write(errorLine(e) + '\n')
          return 1
        }
        throw e
      }
    },
  }
}

/** Global flags that take a separate value, so `kubectl -n shop get pods` finds "get". */
const VALUE_GLOBALS = new Set(GLOBAL_FLAGS.filter((f) => f.value).flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]))

function verbIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    if (VALUE_GLOBALS.has(argv[i]!)) { i++; continue }
    if (!argv[i]!.startsWith('-')) return i
  }
  return -1
}

/** Store refusals and selector syntax errors print as kubectl errors; anything else is a bug and propagates. */
function isReportable(e: unknown): boolean {
  const name = (e as Error)?.name
  return name === 'ApiError' || name === 'LabelSelectorError'
}
