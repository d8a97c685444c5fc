// Kind driver configuration: read from environment variables with zod, defaults for a single dedicated host, errors naming the variable.
//
// The defaults pair versions that are known to work together: kind v0.30's
// kindest/node v1.34.0 and Istio 1.28 (Istio's support matrix lists 1.30–1.34).
import { z } from 'zod'

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }
const VERSION_RE = /^v\d+\.\d+\.\d+$/
const ISTIO_VERSION_RE = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/
/** Docker image references: name[:tag][@digest], lower-case repository path. */
const IMAGE_RE = /^[a-z0-9]+([._\-/:][a-z0-9]+)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/
/** Kind cluster names become container host names (`<name>-control-plane`): keep the prefix short and DNS-safe. */
const PREFIX_RE = /^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/

export const MAX_POOL_CLUSTERS = 50

/** The grader pods' curl; preloaded by default so probes never wait for a pull. */
export const DEFAULT_GRADER_IMAGE = 'curlimages/curl:8.11.1'

/** Bookinfo and httpbin as content/samples uses them, and the grader's curl. */
export const DEFAULT_PRELOAD_IMAGES = [
  'docker.io/istio/examples-bookinfo-productpage-v1:1.20.2',
  'docker.io/istio/examples-bookinfo-details-v1:1.20.2',
  'docker.io/istio/examples-bookinfo-ratings-v1:1.20.2',
  'docker.io/istio/examples-bookinfo-reviews-v1:1.20.2',
  'docker.io/istio/examples-bookinfo-reviews-v2:1.20.2',
  'docker.io/istio/examples-bookinfo-reviews-v3:1.20.2',
  'docker.io/mccutchen/go-httpbin:v2.15.0',
  DEFAULT_GRADER_IMAGE,
]

export interface KindConfig {
  /** Clusters kept warm (Istio installed, images loaded) for the next sessions. */
  readonly poolSize: number
  /** Most clusters at once, leased and warm; a lease past it fails with "no cluster available". */
  readonly maxClusters: number
  readonly clusterTtlMs: number
  readonly healthIntervalMs: number
  readonly kubernetesVersion: string
  readonly nodeImage: string
  readonly istioVersion: string
  readonly preloadImages: readonly string[]
  readonly toolboxImage: string
  readonly graderImage: string
  readonly clusterPrefix: string
  /** What a released cluster goes through: `reset` (clean and reuse) or `delete` (fresh cluster each session). */
  readonly releaseMode: 'reset' | 'delete'
  /** Per-cluster kubeconfig files live here (kind writes them; the operator's ~/.kube/config is left alone). */
  readonly stateDir: string
  /** Mounted read-only at /home/learner/samples in every toolbox. */
  readonly samplesDir: string
  readonly timeouts: KindTimeouts
}

export interface KindTimeouts {
  /** `kind create cluster` (its own `--wait` is `createWaitMs`). */
  readonly createMs: number
  readonly createWaitMs: number
  readonly istioInstallMs: number
  readonly loadImageMs: number
  readonly deleteMs: number
  /** Quick calls: kubectl get/apply, docker exec of a file, health checks. */
  readonly commandMs: number
  /** A lab's setup statements, run once at start and at reset. */
  readonly setupMs: number
}

export class KindConfigError extends Error {
  override name = 'KindConfigError'
}

/** Parses "90s", "30m", "8h", "1500ms" or a bare number of milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+)(ms|s|m|h)?$/.exec(text.trim())
  if (!m) return undefined
  return Number(m[1]) * DURATION_UNITS[m[2] ?? 'ms']!
}

const duration = (fallback: string) =>
  z.string().default(fallback).transform((s, ctx) => {
    const ms = parseDuration(s)
    if (ms === undefined || ms <= 0) {
      ctx.addIssue({ code: 'custom', message: `expected a duration like 90s, 30m or 8h, got "${s}"` })
      return z.NEVER
    }
    return ms
  })

const count = (fallback: number, min: number) => z.coerce.number().int().min(min).max(MAX_POOL_CLUSTERS).default(fallback)
const image = z.string().regex(IMAGE_RE, 'expected a Docker image reference such as repo/name:tag')

const imageList = z
  .string()
  .optional()
  .transform((s) => (s === undefined ? DEFAULT_PRELOAD_IMAGES : s.trim() === 'none' ? [] : s.split(',').map((x) => x.trim()).filter(Boolean)))
  .pipe(z.array(image))

const ENV_SCHEMA = z
  .object({
    KIND_POOL_SIZE: count(2, 0),
    KIND_MAX_CLUSTERS: count(4, 1),
    KIND_CLUSTER_TTL: duration('8h'),
    KIND_HEALTH_INTERVAL: duration('60s'),
    KIND_K8S_VERSION: z.string().regex(VERSION_RE, 'expected a Kubernetes version such as v1.34.0').default('v1.34.0'),
    KIND_NODE_IMAGE: image.optional(),
    KIND_ISTIO_VERSION: z.string().regex(ISTIO_VERSION_RE, 'expected an Istio version such as 1.28.0').default('1.28.0'),
    KIND_PRELOAD_IMAGES: imageList,
    KIND_TOOLBOX_IMAGE: image.optional(),
    KIND_GRADER_IMAGE: image.default(DEFAULT_GRADER_IMAGE),
    KIND_CLUSTER_PREFIX: z.string().regex(PREFIX_RE, 'expected 1-20 lower-case letters, digits or dashes, starting with a letter').default('mesh-dojo'),
    KIND_RELEASE_MODE: z.enum(['reset', 'delete']).default('reset'),
    KIND_STATE_DIR: z.string().min(1).optional(),
    KIND_SAMPLES_DIR: z.string().min(1).optional(),
    KIND_CREATE_TIMEOUT: duration('5m'),
    KIND_CREATE_WAIT: duration('120s'),
    KIND_ISTIO_INSTALL_TIMEOUT: duration('10m'),
    KIND_LOAD_TIMEOUT: duration('5m'),
    KIND_DELETE_TIMEOUT: duration('2m'),
    KIND_COMMAND_TIMEOUT: duration('60s'),
    KIND_SETUP_TIMEOUT: duration('15m'),
  })
  .refine((e) => e.KIND_MAX_CLUSTERS >= e.KIND_POOL_SIZE, {
    path: ['KIND_MAX_CLUSTERS'],
    message: 'must be at least KIND_POOL_SIZE',
  })

export interface ConfigPlaces {
  /** Where KIND_STATE_DIR defaults (os.tmpdir()/mesh-dojo-kind). */
  readonly tmpDir: string
  /** The repository root: KIND_SAMPLES_DIR defaults to its content/samples. */
  readonly repoRoot: string
}

/** Reads the KIND_* variables; throws KindConfigError listing every bad variable. Empty values count as unset. */
export function loadKindConfig(env: Readonly<Record<string, string | undefined>>, places: ConfigPlaces): KindConfig {
  const set = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('KIND_') && v !== undefined && v !== ''))
  const parsed = ENV_SCHEMA.safeParse(set)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0] ?? '(config)')}: ${i.message}`)
    throw new KindConfigError(`invalid kind driver configuration:\n${lines.join('\n')}`)
  }
  return toConfig(parsed.data, places)
}

function toConfig(e: z.output<typeof ENV_SCHEMA>, places: ConfigPlaces): KindConfig {
  return {
    poolSize: e.KIND_POOL_SIZE,
    maxClusters: e.KIND_MAX_CLUSTERS,
    clusterTtlMs: e.KIND_CLUSTER_TTL,
    healthIntervalMs: e.KIND_HEALTH_INTERVAL,
    kubernetesVersion: e.KIND_K8S_VERSION,
    nodeImage: e.KIND_NODE_IMAGE ?? `kindest/node:${e.KIND_K8S_VERSION}`,
    istioVersion: e.KIND_ISTIO_VERSION,
    preloadImages: e.KIND_PRELOAD_IMAGES,
    toolboxImage: e.KIND_TOOLBOX_IMAGE ?? `mesh-dojo/toolbox:${e.KIND_ISTIO_VERSION}`,
    graderImage: e.KIND_GRADER_IMAGE,
    clusterPrefix: e.KIND_CLUSTER_PREFIX,
    releaseMode: e.KIND_RELEASE_MODE,
    stateDir: e.KIND_STATE_DIR ?? `${places.tmpDir}/mesh-dojo-kind`,
    samplesDir: e.KIND_SAMPLES_DIR ?? `${places.repoRoot}/content/samples`,
    timeouts: {
      createMs: e.KIND_CREATE_TIMEOUT,
      createWaitMs: e.KIND_CREATE_WAIT,
      istioInstallMs: e.KIND_ISTIO_INSTALL_TIMEOUT,
      loadImageMs: e.KIND_LOAD_TIMEOUT,
      deleteMs: e.KIND_DELETE_TIMEOUT,
      commandMs: e.KIND_COMMAND_TIMEOUT,
      setupMs: e.KIND_SETUP_TIMEOUT,
    },
  }
}
