// The shell a container offers to `kubectl exec`: its image's programs, its own file system, env and DNS view.
//
// Each container keeps one VFS for its lifetime (files written by one exec are
// there for the next), dropped when its pod is gone. Commands run in a separate
// Shell over that VFS with a registry holding only the image's programs
// (images.ts), so `curl` in the productpage container is "executable file not found".

import { resolveName, type DnsAnswer } from '../cluster/dns'
import type { ObjectStore } from '../cluster/store'
import type { KubeObject } from '../cluster/types'
import { COREUTILS, CommandRegistry, Shell, ShellState, type CommandSpec, type NestedSession, type ShellClock, type Vfs, type Writer } from '../shell'
import { createCurlCommand, type CurlEnv } from './curl/curl'
import type { HostResolver, RequestSource } from './curl/transport'
import { createWgetCommand } from './curl/wget'
import { internetHost } from '../mesh/apps/internet'
import { imageProfile, type ImageProfile } from './images'
import { httpTransportFor } from './network'
import { containerEnv, type ContainerSpec } from './pod-env'
import { containerVfs, hostsTable, podHostname, podIp } from './pod-files'
import { createFortioCommand, python, createHostname } from './tools/apps'
import { recordLoadTest } from './tools/fortio/load-result'
import { createPilotAgent, envoyAdminFor } from './tools/envoy-admin'
import { createNslookup } from './tools/nslookup'

export interface ContainerTarget {
  store: ObjectStore
  pod: KubeObject
  container: ContainerSpec
  clock: ShellClock
}

export interface ExecIO { stdin: string; stdout: Writer; stderr: Writer; signal: AbortSignal }

export type ExecOutcome = { kind: 'exited'; code: number } | { kind: 'not-found'; program: string }

/** `sh -c 'sh -c ...'` nesting we allow before refusing, like a process limit. */
export const MAX_NESTED_SHELLS = 16

const filesystems = new WeakMap<ObjectStore, Map<string, Vfs>>()

/** The container's file system, created on first exec and kept while its pod lives. */
export function containerFilesystem(t: ContainerTarget): Vfs {
  let byContainer = filesystems.get(t.store)
  if (!byContainer) filesystems.set(t.store, (byContainer = new Map()))
  const live = new Set(t.store.list({ kind: 'Pod' }).map((p) => p.metadata.uid))
  for (const key of byContainer.keys()) if (!live.has(key.slice(0, key.indexOf('/')))) byContainer.delete(key)
  const key = `${t.pod.metadata.uid}/${t.container.name}`
  let vfs = byContainer.get(key)
  if (!vfs) byContainer.set(key, (vfs = containerVfs(t.pod, () => t.clock.now())))
  return vfs
}

/** The pod's resolver: /etc/hosts, then cluster DNS through its namespace's search path. */
export function podResolver(t: ContainerTarget): (name: string) => DnsAnswer {
  return (name) => {
    const answer = resolveName(t.store, name, { namespace: t.pod.metadata.namespace ?? 'default', hosts: hostsTable(t.pod) })
    if (answer.kind === 'found') return answer
    // CoreDNS forwards names outside the cluster to the node's resolver: the simulated internet.
    const site = internetHost(name.replace(/\.$/, ''))
    return site ? { kind: 'found', name: site.hostname, addresses: site.addresses } : answer
  }
}

/** Where a request from this container starts, and how it resolves names: what curl in the container and the grader's probes use. */
export function podEndpoint(t: ContainerTarget): { source: RequestSource; resolve: HostResolver } {
  const dns = podResolver(t)
  return {
    source: { kind: 'pod', namespace: t.pod.metadata.namespace ?? 'default', podName: t.pod.metadata.name, podIp: podIp(t.pod), container: t.container.name },
    resolve: (name) => { const a = dns(name); return a.kind === 'found' ? a.addresses : undefined },
  }
}

/** Runs argv in the container as the runtime would: argv[0] must be a program the image has. */
export async function execInContainer(t: ContainerTarget, argv: readonly string[], io: ExecIO): Promise<ExecOutcome> {
  const profile = imageProfile(t.container.image ?? '')
  const program = argv[0]!.slice(argv[0]!.lastIndexOf('/') + 1)
  if (!profile.programs.includes(program)) return { kind: 'not-found', program: argv[0]! }
  const shell = containerShell(t, profile, 0)
  const stderr = profile.shell === 'busybox' ? busyboxErrors(io.stderr) : io.stderr
  const run = (script: string, stdin: string) => shell.run(script, { stdin, stdout: io.stdout, stderr, signal: io.signal })
  if (program === 'sh' || program === 'bash') return { kind: 'exited', code: await runShellArgs(shell.vfs, argv.slice(1), io.stdin, run, stderr, program) }
  return { kind: 'exited', code: await run([program, ...argv.slice(1)].map(shellQuote).join(' '), io.stdin) }
}

/**
 * `kubectl exec -it POD -- sh` on the learner's terminal: the container's shell as a nested
 * session with the prompt its image prints (BusyBox ash `/ # `, bash `root@<pod>:/# `).
 * Undefined when argv is not a bare interactive shell (`sh -c ...` or `sh FILE` just run).
 */
export function interactiveSession(t: ContainerTarget, argv: readonly string[]): NestedSession | undefined {
  const profile = imageProfile(t.container.image ?? '')
  const program = argv[0]!.slice(argv[0]!.lastIndexOf('/') + 1)
  if ((program !== 'sh' && program !== 'bash') || !profile.programs.includes(program)) return undefined
  if (argv.slice(1).some((a) => a === '-c' || !a.startsWith('-'))) return undefined
  const shell = containerShell(t, profile, 0)
  const mark = rootUser(t.container.image ?? '') ? '#' : '$'
  if (profile.shell === 'busybox') {
    return { shell, echoExit: false, prompt: () => `${shell.state.cwd} ${mark} `, stderrFilter: busyboxWording }
  }
  const host = podHostname(t.pod)
  return { shell, echoExit: true, prompt: () => `${mark === '#' ? 'root' : 'user'}@${host}:${shell.state.cwd}${mark} ` }
}

/** curlimages/curl runs as curl_user (its Dockerfile's USER); the other images we model run as root. */
function rootUser(image: string): boolean {
  return !/^curlimages\/curl(:|@|$)/.test(image.replace(/^docker\.io\//, ''))
}

/** `sh -c SCRIPT`, `sh FILE`, or `sh` reading its script from stdin (`kubectl exec -i pod -- sh < script`). */
async function runShellArgs(vfs: Vfs, args: readonly string[], stdin: string, run: (script: string, stdin: string) => Promise<number>, stderr: Writer, name: string): Promise<number> {
  const c = args.indexOf('-c')
  if (c >= 0) {
    if (c + 1 >= args.length) { stderr.write(`${name}: -c: option requires an argument\n`); return 2 }
    return run(args[c + 1]!, stdin)
  }
  const file = args.find((a) => !a.startsWith('-'))
  if (file === undefined) return run(stdin, '')
  if (!vfs.isFile(file)) { stderr.write(`${name}: can't open '${file}': No such file or directory\n`); return 2 }
  return run(vfs.readFile(file), stdin)
}

function containerShell(t: ContainerTarget, profile: ImageProfile, depth: number): Shell {
  const vfs = containerFilesystem(t)
  const registry = containerRegistry(t, profile, depth)
  const state = new ShellState()
  for (const [k, v] of Object.entries(containerEnv(t.store, t.pod, t.container))) state.setExported(k, v)
  state.cwd = '/'
  return new Shell({ vfs, registry, clock: t.clock, state })
}

function containerRegistry(t: ContainerTarget, profile: ImageProfile, depth: number): CommandRegistry {
  const registry = new CommandRegistry()
  const has = (name: string) => profile.programs.includes(name)
  const endpoint = podEndpoint(t)
  const resolve = podResolver(t)
  const net: CurlEnv = {
    transport: () => httpTransportFor(t.store),
    ...endpoint,
    // kubectl exec hands the process pipes; with -it the sim still has no terminal (see exec.ts).
    stdoutIsTerminal: false,
  }
  const tools: CommandSpec[] = [
    ...COREUTILS.filter((c) => has(c.name)),
    createHostname(podHostname(t.pod), podIp(t.pod)),
    createNslookup(resolve, profile.shell === 'busybox' ? 'busybox' : 'bind'), createCurlCommand(net), createWgetCommand(net), createFortioCommand({ ...net, onResult: (r) => recordLoadTest(t.store, r) }), python, { ...python, name: 'python3' },
    createPilotAgent(() => ({ pod: t.pod, admin: envoyAdminFor(t.store) })),
    ...['sh', 'bash'].map((name) => nestedShell(t, profile, depth, name)),
  ]
  for (const tool of tools) if (has(tool.name)) registry.registerCommand(tool)
  return registry
}

/** `sh -c ...` inside a script: a child shell over the same file system, nesting bounded. */
function nestedShell(t: ContainerTarget, profile: ImageProfile, depth: number, name: string): CommandSpec {
  return {
    name,
    async run(ctx) {
      if (depth >= MAX_NESTED_SHELLS) { ctx.stderr.write(`${name}: fork: retry: Resource temporarily unavailable\n`); return 1 }
      const child = containerShell(t, profile, depth + 1)
      for (const [k, v] of Object.entries(ctx.env)) child.state.setExported(k, v)
      child.state.cwd = ctx.cwd
      const run = (script: string, stdin: string) => child.run(script, { stdin, stdout: ctx.stdout, stderr: ctx.stderr, signal: ctx.signal })
      return runShellArgs(child.vfs, ctx.argv.slice(1), ctx.stdin, run, ctx.stderr, name)
    },
  }
}

/** BusyBox ash words "not found" differently from bash. */
function busyboxWording(chunk: string): string {
  return chunk.replace(/^bash: (.+): command not found$/gm, 'sh: $1: not found')
}

function busyboxErrors(target: Writer): Writer {
  return { write: (chunk) => target.write(busyboxWording(chunk)) }
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_\-./:=@%+,]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}
