// Scrape targets: the labels Prometheus adds to every series it scrapes from a pod's proxy.
//
// Istio's samples/addons/prometheus.yaml, job "kubernetes-pods" (Istio's
// injector annotates pods with prometheus.io/scrape, port 15020, path
// /stats/prometheus): labelmap copies every pod label (names sanitised to
// [a-zA-Z0-9_], so security.istio.io/tlsMode becomes security_istio_io_tlsMode),
// then sets namespace, pod and node; Prometheus adds instance (<pod IP>:15020)
// and job. honor_labels: true, so a label the proxy already exports wins over a
// target label of the same name.

import type { Labels } from './labels'

/** The pod whose proxy reported, as Prometheus's Kubernetes service discovery sees it. */
export interface ScrapeTarget {
  readonly pod: string
  readonly namespace: string
  readonly podIp?: string
  readonly node?: string
  /** The pod's Kubernetes labels (app, version, pod-template-hash, security.istio.io/tlsMode, ...). */
  readonly podLabels?: Readonly<Record<string, string>>
}

/** Istio's merged-metrics port that the injected prometheus.io/port annotation points at. */
export const ISTIO_MERGED_METRICS_PORT = 15020

const cache = new WeakMap<ScrapeTarget, { labels: Labels; key: string }>()
/** Merged label sets remembered per target (series keys are what repeats); the memo is cleared past this. */
export const MAX_MERGED_PER_TARGET = 1_000
const mergedByTarget = new WeakMap<ScrapeTarget, Map<string, Labels>>()

/** Prometheus's label-name sanitising: every character outside [a-zA-Z0-9_] becomes `_`. */
export function sanitizeLabelName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_')
}

/** The target labels of one pod, in relabelling order (cached per target object). */
export function scrapeTargetLabels(t: ScrapeTarget): { labels: Labels; key: string } {
  const hit = cache.get(t)
  if (hit) return hit
  const labels: Record<string, string> = {}
  for (const [k, v] of Object.entries(t.podLabels ?? {})) labels[sanitizeLabelName(k)] = v
  labels.namespace = t.namespace
  labels.pod = t.pod
  if (t.node) labels.node = t.node
  if (t.podIp) labels.instance = `${t.podIp}:${ISTIO_MERGED_METRICS_PORT}`
  labels.job = 'kubernetes-pods'
  const made = { labels, key: Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)).flat().join('\u0001') }
  cache.set(t, made)
  return made
}

/** Adds a target's labels under a series' own (honor_labels: the series wins); extends its key to match. */
export function withScrapeTarget(labels: Labels, key: string, target: ScrapeTarget | undefined): { labels: Labels; key: string } {
  if (!target) return { labels, key }
  const t = scrapeTargetLabels(target)
  const fullKey = `${key}\u0003${t.key}`
  // The per-request hot path: a target sees the same few label sets again and again, so merge each once.
  let seen = mergedByTarget.get(target)
  if (!seen) mergedByTarget.set(target, (seen = new Map()))
  const hit = seen.get(fullKey)
  if (hit) return { labels: hit, key: fullKey }
  const merged: Record<string, string> = { ...t.labels, ...labels }
  if (seen.size >= MAX_MERGED_PER_TARGET) seen.clear()
  seen.set(fullKey, merged)
  return { labels: merged, key: fullKey }
}
