// Object store: the sim's API server storage, with Kubernetes identity, versioning, watches and garbage collection.
//
// Behaviour follows kubernetes.io/docs: "Kubernetes API Concepts" (resourceVersion,
// watch events ADDED/MODIFIED/DELETED), "Owners and Dependents" and "Garbage
// Collection" (cascading deletion), "Namespaces" (deleting one deletes everything in it).

import { rfc3339, type Clock } from '../core/clock'
import { toDisposable, type Disposable } from '../core/disposable'
import type { Rng } from '../core/rng'
import { ApiError, alreadyExists, conflict, forbidden, invalid, notFound } from './api-error'
import { kindByName, kindFor, noMatchMessage, type KindInfo } from './kinds'
import { matches, parseSelector, type Selector } from './label-selector'
import { cloneJson, deepFreeze, newObjectWith } from './object-change'
import { generatedName, nameProblem } from './object-names'
import type { KubeObject, ObjectInput, ObjRef, WatchEvent } from './types'
import { hasGeneration, prepareForWrite } from './write-strategy'

/** Objects one session's store may hold; past it, create refuses and changes nothing. */
export const MAX_OBJECTS_PER_STORE = 5000

/** NamespaceLifecycle admission: these namespaces may not be deleted. */
export const PROTECTED_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public']

export interface StoreDeps {
  clock: Clock
  rng: Rng
  maxObjects?: number
  /** Mutating admission (e.g. Istio's sidecar injector), called in order on every create. */
  admission?: readonly AdmissionHook[]
}

/** A mutating admission step: returns the object to store (or the input unchanged). */
export type AdmissionHook = (input: ObjectInput, ctx: { store: ObjectStore; namespace: string }) => ObjectInput

export interface ListQuery {
  kind: string
  apiVersion?: string
  /** Omit for all namespaces (`-A`). */
  namespace?: string
  /** A kubectl `-l` string or a parsed selector. */
  labelSelector?: string | Selector
}

/** kubectl delete --cascade: background (default), foreground or orphan. */
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan'

/** The store as a snapshot keeps it; JSON-safe. */
export interface StoreState {
  resourceVersion: number
  objects: KubeObject[]
}

export type WatchListener = (event: WatchEvent) => void

export interface WatchFilter {
  kind?: string
  namespace?: string
}

export class ObjectStore {
  private readonly objects = new Map<string, KubeObject>()
  private readonly uids = new Map<string, string>()
  /** The same objects bucketed by group/kind, kept in step by put and remove only. */
  private readonly byKind = new Map<string, Map<string, KubeObject>>()
  private rv = 0
  private rvText: [number, string] = [0, '0']
  private readonly listeners = new Set<{ fn: WatchListener; filter: WatchFilter }>()
  private readonly queue: WatchEvent[] = []
  private delivering = false
  private readonly maxObjects: number

  constructor(private readonly deps: StoreDeps) {
    this.maxObjects = deps.maxObjects ?? MAX_OBJECTS_PER_STORE
  }

  static restore(state: StoreState, deps: StoreDeps): ObjectStore {
    const store = new ObjectStore(deps)
    store.rv = state.resourceVersion
    for (const obj of state.objects) store.put(deepFreeze(cloneJson(obj)))
    return store
  }

  snapshot(): StoreState {
    return { resourceVersion: this.rv, objects: this.all().map((o) => cloneJson(o)) }
  }

  size(): number {
    return this.objects.size
  }

  /** The last resourceVersion handed out (a list's metadata.resourceVersion). */
  resourceVersion(): string {
    // Asked on every simulated hop (caches check it): one string per version, not one per call.
    if (this.rvText[0] !== this.rv) this.rvText = [this.rv, String(this.rv)]
    return this.rvText[1]
  }

  create(input: ObjectInput): KubeObject {
    const info = this.kindOf(input.apiVersion, input.kind)
    if (info.istio && !this.crdServes(info)) throw new ApiError('NoMatch', noMatchMessage(input.apiVersion, input.kind))
    const namespace = this.namespaceFor(info, input.metadata?.namespace)
    const name = this.nameFor(info, input, namespace)
    if (this.objects.has(keyOf(info, namespace, name))) throw alreadyExists(info, name)
    if (this.objects.size >= this.maxObjects) {
      throw forbidden(`${info.plural} "${name}" is forbidden: object limit reached: this session holds at most ${this.maxObjects} objects; delete some first`)
    }
    const admitted = (this.deps.admission ?? []).reduce((o, hook) => hook(o, { store: this, namespace }), input)
    const obj = this.newObject(admitted, namespace, name)
    this.put(obj)
    this.emit({ type: 'ADDED', object: obj })
    this.flush()
    return obj
  }

  get(ref: ObjRef): KubeObject | undefined {
    const info = this.kindOfRef(ref)
    return this.objects.get(keyOf(info, scoped(info, ref.namespace), ref.name))
  }

  /** Like get, but a missing object is the API's NotFound error. */
  mustGet(ref: ObjRef): KubeObject {
    const obj = this.get(ref)
    if (!obj) throw notFound(this.kindOfRef(ref), ref.name)
    return obj
  }

  /** Objects of one kind, sorted by namespace then name as the API server lists them. */
  list(q: ListQuery): KubeObject[] {
    const info = this.kindOfRef({ kind: q.kind, apiVersion: q.apiVersion, name: '' })
    const selector = typeof q.labelSelector === 'string' ? parseSelector(q.labelSelector) : q.labelSelector
    const ns = q.namespace === undefined ? undefined : scoped(info, q.namespace)
    const bucket = this.byKind.get(kindKey(info))
    if (!bucket) return []
    return [...bucket.values()].filter(
      (o) => sameKind(info, o) && (ns === undefined || (o.metadata.namespace ?? '') === ns) && (!selector || matches(selector, o.metadata.labels)),
    ).sort(compareObjects)
  }

  /**
   * Replaces an object's client-owned fields. A stale metadata.resourceVersion
   * is a Conflict; an update that changes nothing bumps nothing and emits nothing.
   */
  update(input: ObjectInput): KubeObject {
    const info = this.kindOf(input.apiVersion, input.kind)
    const name = input.metadata?.name ?? ''
    const prev = this.get({ kind: info.kind, apiVersion: input.apiVersion, namespace: input.metadata?.namespace, name })
    if (!prev) throw notFound(info, name)
    const rv = input.metadata?.resourceVersion
    if (rv !== undefined && rv !== prev.metadata.resourceVersion) throw conflict(info, name)
    return this.commit(prev, cloneJson(input) as KubeObject)
  }

  /** Read-modify-write without a version check: recipe gets a mutable copy and returns the desired object. */
  mutate(ref: ObjRef, recipe: (draft: KubeObject) => KubeObject | void): KubeObject {
    const prev = this.mustGet(ref)
    const draft = cloneJson(prev) as KubeObject
    const candidate = recipe(draft) ?? draft
    // The recipe may return an object that shares parts with prev or the caller: copy unless it is the draft.
    return this.commit(prev, candidate === draft ? draft : cloneJson(candidate))
  }

  /** Deletes an object and, unless orphaning, its dependents; returns every object removed, in order. */
  delete(ref: ObjRef, opts: { propagationPolicy?: PropagationPolicy } = {}): KubeObject[] {
    const target = this.mustGet(ref)
    if (target.kind === 'Namespace' && PROTECTED_NAMESPACES.includes(target.metadata.name)) {
      throw forbidden(`namespaces "${target.metadata.name}" is forbidden: this namespace may not be deleted`)
    }
    const removed = this.deleteTree(target, opts.propagationPolicy ?? 'Background')
    this.flush()
    return removed
  }

  /** Calls listener for every change (optionally one kind or namespace); dispose() stops it. */
  watch(listener: WatchListener, filter: WatchFilter = {}): Disposable {
    const entry = { fn: listener, filter }
    this.listeners.add(entry)
    return toDisposable(() => this.listeners.delete(entry))
  }

  private all(): KubeObject[] {
    return [...this.objects.values()].sort(compareObjects)
  }

  private kindOf(apiVersion: string, kind: string): KindInfo {
    const info = kindFor(apiVersion ?? '', kind ?? '')
    if (!info) throw new ApiError('NoMatch', noMatchMessage(apiVersion, kind))
    return info
  }

  /** Istio kinds are served only while their CustomResourceDefinition (`<plural>.<group>`) exists. */
  private crdServes(info: KindInfo): boolean {
    return this.objects.has(keyOf(kindByName('CustomResourceDefinition')!, '', `${info.plural}.${info.group}`))
  }

  private kindOfRef(ref: ObjRef): KindInfo {
    if (ref.apiVersion) return this.kindOf(ref.apiVersion, ref.kind)
    const info = kindByName(ref.kind)
    if (!info) throw new ApiError('NoMatch', `no matches for kind "${ref.kind}"`)
    return info
  }

  /** Namespaced kinds default to "default" and need their namespace to exist (NamespaceLifecycle). */
  private namespaceFor(info: KindInfo, requested: string | undefined): string {
    if (!info.namespaced) return ''
    const ns = requested || 'default'
    if (!this.objects.has(keyOf(kindByName('Namespace')!, '', ns))) throw notFound(kindByName('Namespace')!, ns)
    return ns
  }

  private nameFor(info: KindInfo, input: ObjectInput, namespace: string): string {
    const meta = input.metadata ?? {}
    let name = meta.name ?? ''
    if (!name && meta.generateName) {
      for (let i = 0; i < 8 && (!name || this.objects.has(keyOf(info, namespace, name))); i++) name = generatedName(meta.generateName, this.deps.rng)
    }
    if (!name) throw invalid(info.kind, '', 'metadata.name: Required value: name or generateName is required')
    const problem = nameProblem(info.kind, name)
    if (problem) throw invalid(info.kind, name, problem)
    return name
  }

  private newObject(input: ObjectInput, namespace: string, name: string): KubeObject {
    const copy = prepareForWrite(cloneJson(input) as KubeObject)
    const { deletionTimestamp: _d, generation: _g, ...meta } = copy.metadata ?? {}
    copy.metadata = {
      ...meta,
      name,
      ...(namespace ? { namespace } : {}),
      uid: this.deps.rng.uuid(),
      resourceVersion: this.nextRv(),
      ...(hasGeneration(copy.kind) ? { generation: 1 } : {}),
      creationTimestamp: rfc3339(this.deps.clock.now()),
    }
    if (!namespace) delete copy.metadata.namespace
    return deepFreeze(copy)
  }

  /** Stores candidate (a copy the store now owns) as prev's next version, unless nothing changed. */
  private commit(prev: KubeObject, candidate: KubeObject): KubeObject {
    candidate.metadata = { ...candidate.metadata, name: prev.metadata.name }
    if (prev.metadata.namespace) candidate.metadata.namespace = prev.metadata.namespace
    else delete candidate.metadata.namespace
    const next = newObjectWith(prev, prepareForWrite(candidate, prev), () => this.nextRv())
    if (next === prev) return prev
    this.put(deepFreeze(next))
    this.emit({ type: 'MODIFIED', object: next })
    this.flush()
    return next
  }

  /** Namespace deletion takes its contents with it in one pass; other kinds follow the propagation policy. */
  private deleteTree(target: KubeObject, policy: PropagationPolicy): KubeObject[] {
    if (target.kind !== 'Namespace') return this.deleteWithPolicy([target], policy)
    const contents = this.all().filter((o) => o.metadata.namespace === target.metadata.name)
    return this.deleteWithPolicy([...contents, target], 'Background')
  }

  private deleteWithPolicy(targets: KubeObject[], policy: PropagationPolicy): KubeObject[] {
    if (policy === 'Orphan') targets.forEach((t) => this.orphanDependents(t))
    if (policy === 'Foreground') {
      const dependents = this.findDependents(targets)
      const removed = [...dependents.reverse(), ...targets]
      removed.forEach((o) => this.remove(o))
      return removed
    }
    targets.forEach((o) => this.remove(o))
    if (policy === 'Orphan') return targets
    const dependents = this.findDependents(targets)
    dependents.forEach((o) => this.remove(o))
    return [...targets, ...dependents]
  }

  /**
   * Garbage collection: a dependent goes once none of its owners remain, level
   * by level (owner, then its dependents, then theirs). Nothing is removed here.
   */
  private findDependents(owners: KubeObject[]): KubeObject[] {
    const found: KubeObject[] = []
    const gone = new Set(owners.map((o) => o.metadata.uid))
    let frontier = gone
    while (frontier.size > 0) {
      const level = [...this.objects.values()].filter((o) => {
        if (gone.has(o.metadata.uid)) return false
        const refs = o.metadata.ownerReferences ?? []
        return refs.some((r) => frontier.has(r.uid)) && refs.every((r) => gone.has(r.uid) || !this.uids.has(r.uid))
      }).sort(compareObjects)
      level.forEach((o) => gone.add(o.metadata.uid))
      found.push(...level)
      frontier = new Set(level.map((o) => o.metadata.uid))
    }
    return found
  }

  private orphanDependents(owner: KubeObject): void {
    for (const o of this.all()) {
      const refs = o.metadata.ownerReferences ?? []
      if (!refs.some((r) => r.uid === owner.metadata.uid)) continue
      this.commit(o, cloneJson({ ...o, metadata: { ...o.metadata, ownerReferences: refs.filter((r) => r.uid !== owner.metadata.uid) } }))
    }
  }

  private remove(obj: KubeObject): void {
    const info = this.kindOf(obj.apiVersion, obj.kind)
    const key = keyOf(info, obj.metadata.namespace ?? '', obj.metadata.name)
    if (!this.objects.delete(key)) return
    this.uids.delete(obj.metadata.uid)
    const bucket = this.byKind.get(kindKey(info))
    bucket?.delete(key)
    if (bucket?.size === 0) this.byKind.delete(kindKey(info))
    this.emit({ type: 'DELETED', object: obj })
  }

  private put(obj: KubeObject): void {
    const info = this.kindOf(obj.apiVersion, obj.kind)
    const key = keyOf(info, obj.metadata.namespace ?? '', obj.metadata.name)
    this.objects.set(key, obj)
    this.uids.set(obj.metadata.uid, key)
    const kk = kindKey(info)
    let bucket = this.byKind.get(kk)
    if (!bucket) this.byKind.set(kk, (bucket = new Map()))
    bucket.set(key, obj)
  }

  private nextRv(): string {
    this.rv += 1
    return String(this.rv)
  }

  private emit(event: WatchEvent): void {
    this.queue.push(event)
  }

  /** Delivers queued events in order; changes made by listeners queue behind the current ones. */
  private flush(): void {
    if (this.delivering) return
    this.delivering = true
    let firstError: unknown
    try {
      for (let ev = this.queue.shift(); ev; ev = this.queue.shift()) {
        for (const l of [...this.listeners]) {
          if (!wants(l.filter, ev.object)) continue
          try { l.fn(ev) } catch (err) { firstError ??= err }
        }
      }
    } finally {
      this.delivering = false
    }
    if (firstError !== undefined) throw firstError
  }
}

function kindKey(info: KindInfo): string {
  return `${info.group}/${info.kind}`
}

function keyOf(info: KindInfo, namespace: string, name: string): string {
  return `${info.group}/${info.kind}/${namespace}/${name}`
}

function scoped(info: KindInfo, namespace: string | undefined): string {
  return info.namespaced ? namespace || 'default' : ''
}

function sameKind(info: KindInfo, obj: KubeObject): boolean {
  return obj.kind === info.kind && kindFor(obj.apiVersion, obj.kind)?.group === info.group
}

function wants(filter: WatchFilter, obj: KubeObject): boolean {
  return (!filter.kind || filter.kind === obj.kind) && (filter.namespace === undefined || filter.namespace === (obj.metadata.namespace ?? ''))
}

function compareObjects(a: KubeObject, b: KubeObject): number {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`
  return ka < kb ? -1 : ka > kb ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0
}
