// Sim session: one clock, one Rng, a kind-like cluster with its controllers, a VFS and a shell with coreutils and kubectl.
//
// DESIGN.md "Drivers": the sim owns one serialisable scheduler (virtual time for
// grading and the CLI, real time for terminals) and one seeded Rng; same seed,
// same output. In virtual mode a command that sleeps or waits moves the clock
// forward at once, firing controller timers on the way, so `sleep 5` costs nothing real.
//
// The engine reads no host files: the caller passes `files` (for example the
// repo's content/samples, mapped to paths under /home/learner/samples).

import { Clock, type HostTimers } from '../core/clock'
import { DisposableStore, type Disposable } from '../core/disposable'
import { Rng } from '../core/rng'
import type { UiChannel } from '../core/ui-channel'
import { createKindCluster } from '../cluster/bootstrap'
import { SIM_SNAPSHOT_SCHEMA_VERSION, type SimSnapshot } from './snapshot'
import { startControllers } from '../cluster/controllers'
import { ObjectStore } from '../cluster/store'
import { createKubectlCommand } from '../kubectl/commands'
import { createKubectlCompleter } from '../kubectl/completion'
import { createIstioctlCommand, SUBCOMMANDS as ISTIOCTL_SUBCOMMANDS, type ProxyConfigSource } from '../istioctl'
import { createIstioctlCompleter } from '../istioctl/completion'
import { sidecarInjector } from '../istio/sidecar-injector'
import { createProxyConfigSource } from '../mesh/control/proxy-config-source'
import { createHostCurl } from '../pod-shell/host-curl'
import { setHttpTransport } from '../pod-shell/network'
import { meshTransport } from '../mesh/data/mesh-transport'
import { MeshNetwork } from '../mesh/data/network'
import { attachTelemetry, createEnvoyAdmin, withEnvoyAdmin } from '../mesh/telemetry-bridge'
import { setEnvoyAdmin } from '../pod-shell/tools/envoy-admin'
import { syncClusterStats } from '../mesh/telemetry-bridge/proxy-stats'
import { createTelemetry, type Telemetry } from '../telemetry'
import { advancingShellClock, CommandRegistry, HOME_DIR, parse, registerCoreutils, resolvePath, Shell, ShellState, Vfs, type ShellClock } from '../shell'

export { decodeSnapshot, encodeSnapshot, SnapshotError, type SimSnapshot } from './snapshot'

export type SimMode = 'virtual' | 'realtime'

export interface SimSessionOptions {
  seed: number | string
  mode?: SimMode
  /** Wall clock and timers for real-time mode (server.ts passes Date.now and setTimeout). */
  host?: HostTimers
  /** Files to preload, by path; relative paths are under /home/learner. */
  files?: Record<string, string>
  /** The learner's browser, for kubectl edit / port-forward and istioctl dashboard; absent headless. */
  ui?: UiChannel
  /** Builds the Envoy config source for `istioctl proxy-config` / `x describe`; default: the mesh control plane's compiled config. */
  proxyConfig?: (session: { store: ObjectStore; clock: Clock }) => ProxyConfigSource
  /** Virtual mode's start instant, epoch ms (default: the clock's fixed epoch, for reproducible transcripts). */
  startMs?: number
  /** Telemetry to continue (the grader's copy of a session keeps the learner's metrics, forked). */
  telemetry?: Telemetry
  /** After a restore, reseed the Rng (the grader's copy draws from a fixed seed: same state, same grade). */
  reseed?: number | string
  /** Continue from a saved state (objects, files, shell variables, history, time, Rng) instead of a fresh cluster. */
  restore?: SimSnapshot
}

/** One top-level statement's outcome, as `npm run sim -- --json` prints it. */
export interface StatementResult {
  command: string
  stdout: string
  stderr: string
  exitCode: number
  /** Simulated milliseconds the statement took. */
  elapsedMs: number
}

export interface SimSession extends Disposable {
  readonly mode: SimMode
  readonly clock: Clock
  readonly rng: Rng
  readonly store: ObjectStore
  /** The simulated network (the mesh data plane): probes and telemetry attach here. */
  readonly network: MeshNetwork
  readonly vfs: Vfs
  readonly shell: Shell
  /** The session's metrics, spans, access logs and Envoy stats, fed by every mesh hop (for the grader and the UI). */
  readonly telemetry: Telemetry
  /** Runs a script statement by statement; a syntax error is one result with the shell's message. */
  run(script: string, opts?: { signal?: AbortSignal }): Promise<StatementResult[]>
  /** The state a restart needs, as JSON (see snapshot.ts for what is and is not kept). */
  snapshot(): SimSnapshot
  /**
   * Brings every proxy's Envoy stats up to date with the data plane (they are
   * otherwise synced when read), so a fork of the telemetry carries them.
   */
  syncProxyStats(): void
}

/** istioctl proxy-config reads the mesh control plane's per-proxy config compiled from this session's store. */
const defaultProxyConfig = ({ store, clock }: { store: ObjectStore; clock: Clock }): ProxyConfigSource => createProxyConfigSource(store, { now: () => clock.now() })

/** A ShellClock over the session clock: in virtual mode sleeping advances time (and fires due timers). */
export function shellClockFor(clock: Clock): ShellClock {
  return clock.mode === 'realtime' ? clock : advancingShellClock(clock)
}

export function createSimSession(opts: SimSessionOptions): SimSession {
  const mode = opts.mode ?? 'virtual'
  if (mode === 'realtime' && !opts.host) throw new Error('createSimSession: real-time mode needs host timers')
  const saved = opts.restore
  const clock = restoreClock(mode, opts.host, saved, opts.startMs)
  const rng = opts.reseed !== undefined ? Rng.seeded(opts.reseed) : saved ? Rng.fromState(saved.rng) : Rng.seeded(opts.seed)
  const storeDeps = { clock, rng, admission: [sidecarInjector] }
  const store = saved ? ObjectStore.restore(saved.objects, storeDeps) : createKindCluster(storeDeps)
  const owned = new DisposableStore()
  owned.add(startControllers({ store, clock, rng }))
  owned.add(clock)
  const network = new MeshNetwork(store, clock, rng)
  const telemetry = owned.add(opts.telemetry ?? createTelemetry())
  const bridge = owned.add(attachTelemetry(network, telemetry, store, { rng: Rng.seeded(`${opts.seed}/telemetry`) }))
  network.metrics = { query: (promql, timeMs) => telemetry.query(promql, timeMs) }
  const admin = createEnvoyAdmin(bridge)
  setEnvoyAdmin(store, admin)
  setHttpTransport(store, withEnvoyAdmin(meshTransport(network), store, admin, () => clock.now()))
  const shellClock = shellClockFor(clock)
  const vfs = saved ? Vfs.fromJSON(saved.vfs, () => clock.now()) : Vfs.withHome(() => clock.now())
  if (!saved) preload(vfs, opts.files ?? {})
  const registry = registerCoreutils(new CommandRegistry())
  const kubectlEnv = { store, clock, mode, kubeconfig: {}, ui: opts.ui }
  registry.registerCommand(createKubectlCommand(kubectlEnv))
  registry.registerCompleter('kubectl', createKubectlCompleter(kubectlEnv))
  registry.registerCommand(createIstioctlCommand({ store, clock, ui: opts.ui, proxyConfig: (opts.proxyConfig ?? defaultProxyConfig)({ store, clock }) }))
  registry.registerCompleter('istioctl', createIstioctlCompleter(store, ISTIOCTL_SUBCOMMANDS))
  registry.registerCommand(createHostCurl(store))
  const shell = new Shell({ vfs, registry, clock: shellClock, state: saved ? ShellState.fromJSON({ ...saved.env, history: saved.history }) : ShellState.initial() })
  return {
    mode, clock, rng, store, network, vfs, shell, telemetry,
    run: (script, runOpts) => runStatements(shell, clock, script, runOpts?.signal),
    syncProxyStats: () => {
      for (const pod of store.list({ kind: 'Pod' })) if (network.proxyClusters(pod).length) syncClusterStats(network, pod, bridge.statsFor(pod))
    },
    snapshot: () => takeSnapshot(saved?.seed ?? opts.seed, { store, vfs, shell, clock, rng }),
    dispose: () => owned.dispose(),
  }
}

/** Virtual time starts at the saved instant; real time continues from the host's now (a restart does not rewind). */
function restoreClock(mode: SimMode, host: HostTimers | undefined, saved: SimSnapshot | undefined, startMs?: number): Clock {
  if (mode === 'realtime') return saved ? Clock.restore({ ...saved.clock, now: Math.max(saved.clock.now, host!.now()), timers: [] }, host) : Clock.realtime(host!)
  return saved ? Clock.restore({ ...saved.clock, timers: [] }) : Clock.virtual({ startMs })
}

function takeSnapshot(seed: number | string, s: { store: ObjectStore; vfs: Vfs; shell: Shell; clock: Clock; rng: Rng }): SimSnapshot {
  const { history, ...env } = s.shell.state.toJSON()
  const { now, seq, timers } = s.clock.snapshot()
  return { schemaVersion: SIM_SNAPSHOT_SCHEMA_VERSION, seed, objects: s.store.snapshot(), vfs: s.vfs.toJSON(), env, history: history ?? [], clock: { now, seq }, timers, rng: s.rng.snapshot() }
}

function preload(vfs: Vfs, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const full = resolvePath(HOME_DIR, path)
    vfs.mkdir(full.slice(0, full.lastIndexOf('/')) || '/', { parents: true })
    vfs.writeFile(full, text)
  }
}

async function runStatements(shell: Shell, clock: Clock, script: string, signal?: AbortSignal): Promise<StatementResult[]> {
  const parsed = parse(script)
  if (parsed.kind !== 'ok') {
    const message = parsed.kind === 'incomplete' ? 'bash: syntax error: unexpected end of file' : parsed.message
    return [{ command: script.trim(), stdout: '', stderr: message + '\n', exitCode: 2, elapsedMs: 0 }]
  }
  const results: StatementResult[] = []
  for (const stmt of parsed.stmts) {
    let stdout = ''
    let stderr = ''
    const start = clock.now()
    let exited = false
    const exitCode = await shell.runStmts([stmt], { stdout: { write: (s) => { stdout += s } }, stderr: { write: (s) => { stderr += s } }, signal, onExit: () => { exited = true } })
    results.push({ command: stmt.source, stdout, stderr, exitCode, elapsedMs: clock.now() - start })
    // `exit N` ends the script, as in bash; later statements do not run.
    if (exited) break
  }
  return results
}

/** Runs a script (after an unreported setup script) in a fresh virtual-time session and disposes it: the in-process core of `npm run sim`. */
export async function runScript(script: string, opts: Partial<SimSessionOptions> & { setup?: string } = {}): Promise<StatementResult[]> {
  const { setup, ...sessionOpts } = opts
  const session = createSimSession({ seed: 1, ...sessionOpts })
  try {
    if (setup) await session.run(setup)
    return await session.run(script)
  } finally {
    session.dispose()
  }
}
