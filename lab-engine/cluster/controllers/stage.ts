// Stages: object lifecycles as data, run by one small interpreter on the session Clock, as kwok does.
//
// kwok.sigs.k8s.io/docs/user/stages-configuration/: a Stage has a resourceRef,
// a selector (matchExpressions over JSON paths such as `.status.phase`), a delay
// (durationMilliseconds plus jitter) and a next state. Here `next` is a function
// that returns the spec/status to merge and the events to record.

import { rfc3339, type Clock, type Timer } from '../../core/clock'
import type { Rng } from '../../core/rng'
import { ApiError } from '../api-error'
import type { ObjectStore } from '../store'
import type { KubeObject } from '../types'
import type { EventRecorder, EventSpec } from './event-recorder'

export interface FieldRequirement {
  /** A dot path: `.status.phase`, `.status.conditions[Ready].status` (element by type), `.status.containerStatuses[0].ready`. */
  key: string
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'
  values?: string[]
}

export interface StageContext {
  /** The current instant, RFC 3339. */
  now: string
  /** Milliseconds this stage waited. */
  waitedMs: number
  rng: Rng
}

export interface StageResult {
  /** Merged field by field into the object's spec. */
  spec?: Record<string, unknown>
  /** Merged field by field into the object's status. */
  status?: Record<string, unknown>
  events?: { component: string; event: EventSpec }[]
}

export interface Stage {
  name: string
  kind: string
  selector: { matchExpressions: FieldRequirement[] }
  delay: { ms: number; jitterMs?: number }
  next: (obj: KubeObject, ctx: StageContext) => StageResult
}

/** Reads a dot path; `[Type]` picks the array element whose `type` is Type, `[0]` an index. */
export function readPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj
  for (const part of path.split('.').filter(Boolean)) {
    const m = /^([^[\]]+)(?:\[([^\]]+)\])?$/.exec(part)
    if (!m || cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[m[1]!]
    if (m[2] === undefined) continue
    if (!Array.isArray(cur)) return undefined
    cur = /^\d+$/.test(m[2]) ? cur[Number(m[2])] : cur.find((e) => (e as { type?: string })?.type === m[2])
  }
  return cur
}

export function stageMatches(stage: Stage, obj: KubeObject): boolean {
  if (obj.kind !== stage.kind) return false
  return stage.selector.matchExpressions.every((r) => {
    const v = readPath(obj, r.key)
    const present = v !== undefined && v !== null
    switch (r.operator) {
      case 'Exists': return present
      case 'DoesNotExist': return !present
      case 'In': return present && (r.values ?? []).includes(String(v))
      case 'NotIn': return !present || !(r.values ?? []).includes(String(v))
    }
  })
}

export interface StageRunnerDeps {
  store: ObjectStore
  clock: Clock
  rng: Rng
  recorder: EventRecorder
}

/** Runs stages for one kind: at most one pending timer per object, re-checked when it fires. */
export class StageRunner {
  private readonly timers = new Map<string, Timer>()

  constructor(private readonly stages: readonly Stage[], private readonly deps: StageRunnerDeps) {}

  /** Arms the first matching stage for obj unless one is already pending. */
  observe(obj: KubeObject): void {
    if (this.timers.has(obj.metadata.uid)) return
    const stage = this.stages.find((s) => stageMatches(s, obj))
    if (!stage) return
    const delay = stage.delay.ms + (stage.delay.jitterMs ? this.deps.rng.int(stage.delay.jitterMs + 1) : 0)
    const ref = { kind: obj.kind, apiVersion: obj.apiVersion, namespace: obj.metadata.namespace, name: obj.metadata.name }
    const uid = obj.metadata.uid
    const timer = this.deps.clock.setTimer(delay, () => {
      this.timers.delete(uid)
      this.fire(stage, ref, uid, delay)
    }, `stage:${stage.name}`)
    this.timers.set(uid, timer)
  }

  /** Stops tracking an object (it was deleted). */
  forget(uid: string): void {
    this.timers.get(uid)?.dispose()
    this.timers.delete(uid)
  }

  dispose(): void {
    for (const t of this.timers.values()) t.dispose()
    this.timers.clear()
  }

  private fire(stage: Stage, ref: { kind: string; apiVersion: string; namespace?: string; name: string }, uid: string, waitedMs: number): void {
    const current = this.deps.store.get(ref)
    if (!current || current.metadata.uid !== uid) return
    if (!stageMatches(stage, current)) return this.observe(current)
    const result = stage.next(current, { now: rfc3339(this.deps.clock.now()), waitedMs, rng: this.deps.rng })
    let updated: KubeObject
    try {
      updated = this.deps.store.mutate(ref, (draft) => {
        if (result.spec) draft.spec = { ...(draft.spec as object), ...result.spec }
        if (result.status) draft.status = { ...(draft.status as object), ...result.status }
      })
    } catch (err) {
      if (err instanceof ApiError) return
      throw err
    }
    for (const e of result.events ?? []) this.deps.recorder.record(updated, e.component, e.event)
    this.observe(this.deps.store.get(ref) ?? updated)
  }
}
