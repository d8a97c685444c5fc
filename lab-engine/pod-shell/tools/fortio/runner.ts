// fortio's periodic runner: how `-c`, `-n`, `-t` and `-qps` become threads, calls and pacing.
//
// Follows fortio/periodic/periodic.go:
// - max qps (`-qps 0`) with `-n N`: each thread makes N / c calls and thread 0 also
//   the remainder (`for exactly 20 calls (10 per thread + 0)`); with `-t` threads loop
//   until the duration is over;
// - a qps target gives each thread qps / c; the total (`-n`, or qps x duration) is at
//   least 2, threads are lowered so each makes at least 2 calls, and thread i's
//   call k is due at (k + k / (calls - 1)) / threadQPS seconds (the last one lands on
//   the duration); the sleep before it is recorded, negative when behind;
// - `-uniform` staggers thread starts, `-jitter` moves each sleep by up to +/-10%,
//   `-nocatchup` skips calls that are already late;
// - an interrupt (Ctrl-C), `-abort-on <code>` or our call cap stop every thread
//   after its current call. Time is the simulation's (LoadSender.now/sleep).

import type { LoadSender } from '../../curl/transport'
import { codeIsOK, type FortioClient } from './client'
import { goDuration, goG } from './go-format'
import { Histogram } from './histogram'
import { LEVEL, SITES, type FortioLog } from './log'

/** Calls one run may make in total (-n, or -t at max speed), whatever the flags say. */
export const MAX_CALLS = 1_000_000

export interface RunSettings {
  /** Normalised qps: -1 for max speed. */
  qps: number
  threads: number
  /** -n, 0 when running for a duration. */
  exactly: number
  /** -t in ms; <= 0 runs until interrupted. */
  durationMs: number
  uniform: boolean
  jitter: boolean
  noCatchUp: boolean
  abortOn: number
  offset: number
  resolution: number
  procs: number
  /** Uniform [0,1) draws for -jitter (the session's seeded Rng). */
  random(): number
}

export interface Plan {
  threads: number
  perThread: number
  leftOver: number
  useQPS: boolean
  /** The "Starting at ..." line (printed at Warning and below). */
  banner: string
  /** True when fortio prints the banner whatever the log level (runs until interrupted). */
  bannerAlways: boolean
  warnings: string[]
}

/** runQPSSetup / runMaxQPSSetup: the thread count, calls per thread and the banner. */
export function plan(s: RunSettings): Plan {
  const hasDuration = s.durationMs > 0
  const useExactly = s.exactly > 0
  const gomax = `[gomax ${s.procs}]`
  if (s.qps <= 0) {
    if (!useExactly && !hasDuration) return { threads: s.threads, perThread: 0, leftOver: 0, useQPS: false, banner: `Starting at max qps with ${s.threads} thread(s) ${gomax} until interrupted\n`, bannerAlways: true, warnings: [] }
    const head = `Starting at max qps with ${s.threads} thread(s) ${gomax} `
    if (!useExactly) return { threads: s.threads, perThread: 0, leftOver: 0, useQPS: false, banner: `${head}for ${goDuration(s.durationMs)}\n`, bannerAlways: false, warnings: [] }
    const perThread = Math.floor(s.exactly / s.threads)
    const leftOver = s.exactly % s.threads
    return { threads: s.threads, perThread, leftOver, useQPS: false, banner: `${head}for exactly ${s.exactly} calls (${perThread} per thread + ${leftOver})\n`, bannerAlways: false, warnings: [] }
  }
  const qpsText = goG(s.qps)
  if (!hasDuration && !useExactly) return { threads: s.threads, perThread: 0, leftOver: 0, useQPS: true, banner: `Starting at ${qpsText} qps with ${s.threads} thread(s) ${gomax} until interrupted\n`, bannerAlways: true, warnings: [] }
  let threads = s.threads
  const warnings: string[] = []
  let total = useExactly ? s.exactly : Math.trunc(s.qps * (s.durationMs / 1000))
  if (total < 2) {
    warnings.push('Increasing the number of calls to the minimum of 2 with 1 thread. total duration will increase')
    total = 2
    threads = 1
  }
  if (2 * threads > total) {
    const lowered = Math.trunc(total / 2)
    warnings.push(`Lowering number of threads - total call ${total} -> lowering from ${threads} to ${lowered} threads`)
    threads = lowered
  }
  const perThread = Math.trunc(total / threads)
  const all = perThread * threads
  const leftOver = useExactly ? s.exactly - all : 0
  const banner = useExactly
    ? `Starting at ${qpsText} qps with ${threads} thread(s) [gomax ${s.procs}] : exactly ${s.exactly}, ${perThread} calls each (total ${all} + ${leftOver})\n`
    : `Starting at ${qpsText} qps with ${threads} thread(s) [gomax ${s.procs}] for ${goDuration(s.durationMs)} : ${perThread} calls each (total ${all})\n`
  return { threads, perThread, leftOver, useQPS: true, banner, bannerAlways: false, warnings }
}

export interface ThreadStats {
  calls: number
  durations: Histogram
  errors: Histogram
  sleeps: Histogram
}

/** Shared between the threads of one run: who asked to stop, and how many calls are left under the cap. */
export interface RunControl {
  stopped: boolean
  callsLeft: number
  /** Set when a thread stopped because the run reached MAX_CALLS. */
  capped?: boolean
  signal: AbortSignal
}

/** runOne: one thread's loop. `start` is the run's start instant (ms). */
export async function runThread(id: number, client: FortioClient, sender: LoadSender, s: RunSettings, p: Plan, start: number, ctl: RunControl, log: FortioLog): Promise<ThreadStats> {
  const stats: ThreadStats = { calls: 0, durations: new Histogram(s.offset, s.resolution), errors: new Histogram(s.offset, s.resolution), sleeps: new Histogram(-0.001, 0.001) }
  const numCalls = p.perThread + (id === 0 ? p.leftOver : 0)
  const perThreadQPS = s.qps / p.threads
  const hasDuration = s.durationMs > 0
  const useExactly = s.exactly > 0
  const tid = `T${String(id).padStart(3, '0')}`
  const stop = () => ctl.stopped || ctl.signal.aborted
  let i = 0
  try {
    if (p.useQPS && s.uniform) {
      const between = 1 / perThreadQPS
      const delay = (between - (between / p.threads) * (p.threads - id)) * 1000
      start += delay
      if (!stop()) await sender.sleep(delay)
    }
    main: for (;;) {
      const fStart = sender.now()
      if (!useExactly && hasDuration && fStart > start + s.durationMs) {
        if (!p.useQPS) break
        if (i >= 2 && i !== numCalls - 1) {
          log.log(LEVEL.warning, SITES.behind, `${tid} warning only did ${i} out of ${numCalls} calls before reaching ${goDuration(s.durationMs)}`, [], 20 + id)
          break
        }
      }
      if (stop()) break
      if (ctl.callsLeft <= 0) { ctl.capped = true; break }
      ctl.callsLeft--
      const got = await client.fetch(sender)
      // Go measures time.Since in whole nanoseconds; so do we, which keeps the printed digits short.
      const latency = Math.round((sender.now() - fStart) * 1e6) / 1e9
      stats.calls++
      stats.durations.record(latency)
      if (!codeIsOK(got.code)) stats.errors.record(latency)
      if (s.abortOn !== 0 && got.code === s.abortOn) {
        ctl.stopped = true
        log.log(LEVEL.info, SITES.abortedOnCode, 'Aborted run because of http code', [['run', 0], ['code', got.code], ['size', got.size]], 20 + id)
      }
      if (!p.useQPS) {
        i++
        if (useExactly && i >= numCalls) break
        if (stop()) break
        continue
      }
      for (;;) {
        i++
        if ((useExactly || hasDuration) && i >= numCalls) break main
        const target = hasDuration ? (i + i / (numCalls - 1)) / perThreadQPS : i / perThreadQPS
        let sleepMs = target * 1000 - (sender.now() - start)
        if (s.noCatchUp && sleepMs < 0) continue
        if (s.jitter) sleepMs += jitterMs(sleepMs, s.random)
        stats.sleeps.record(sleepMs / 1000)
        if (stop()) break main
        if (sleepMs > 0) await sender.sleep(sleepMs)
        if (stop()) break main
        break
      }
    }
  } catch (err) {
    // An interrupted sleep or request: the thread ends with what it has, as fortio does on ^C.
    if (!ctl.signal.aborted) throw err
  }
  const elapsed = sender.now() - start
  log.log(LEVEL.info, SITES.threadEnded, `${tid} ended after ${goDuration(elapsed)} : ${stats.calls} calls. qps=${goG(stats.calls / (elapsed / 1000))}`, [], 20 + id)
  return stats
}

/** getJitter: a uniform offset in [-10%, +10%] of a positive sleep. */
function jitterMs(sleepMs: number, random: () => number): number {
  const tenth = Math.round((sleepMs * 1e6) / 10)
  if (tenth <= 0) return 0
  return (Math.floor(random() * (2 * tenth + 1)) - tenth) / 1e6
}
