import { describe, expect, it } from 'vitest'
import { DEFAULT_PRELOAD_IMAGES, KindConfigError, loadKindConfig, parseDuration } from './kind-config'

const PLACES = { tmpDir: '/tmp', repoRoot: '/srv/mesh-dojo' }

describe('loadKindConfig', () => {
  it('gives working defaults for a dedicated host', () => {
    const c = loadKindConfig({}, PLACES)
    expect(c).toMatchObject({
      poolSize: 2,
      maxClusters: 4,
      clusterTtlMs: 8 * 3_600_000,
      kubernetesVersion: 'v1.34.0',
      nodeImage: 'kindest/node:v1.34.0',
      istioVersion: '1.28.0',
      toolboxImage: 'mesh-dojo/toolbox:1.28.0',
      clusterPrefix: 'mesh-dojo',
      releaseMode: 'reset',
      stateDir: '/tmp/mesh-dojo-kind',
      samplesDir: '/srv/mesh-dojo/content/samples',
    })
    expect(c.preloadImages).toEqual(DEFAULT_PRELOAD_IMAGES)
    expect(c.timeouts.createWaitMs).toBe(120_000)
  })

  it('reads every variable, durations in ms/s/m/h, image lists split on commas', () => {
    const c = loadKindConfig(
      {
        KIND_POOL_SIZE: '3',
        KIND_MAX_CLUSTERS: '6',
        KIND_CLUSTER_TTL: '90m',
        KIND_K8S_VERSION: 'v1.33.4',
        KIND_ISTIO_VERSION: '1.27.3',
        KIND_PRELOAD_IMAGES: ' curlimages/curl:8.11.1 , docker.io/istio/examples-bookinfo-ratings-v1:1.20.2',
        KIND_TOOLBOX_IMAGE: 'registry.local:5000/toolbox:dev',
        KIND_CLUSTER_PREFIX: 'cohort7',
        KIND_RELEASE_MODE: 'delete',
        KIND_COMMAND_TIMEOUT: '1500ms',
      },
      PLACES,
    )
    expect(c).toMatchObject({ poolSize: 3, maxClusters: 6, clusterTtlMs: 90 * 60_000, nodeImage: 'kindest/node:v1.33.4', toolboxImage: 'registry.local:5000/toolbox:dev', clusterPrefix: 'cohort7', releaseMode: 'delete' })
    expect(c.preloadImages).toEqual(['curlimages/curl:8.11.1', 'docker.io/istio/examples-bookinfo-ratings-v1:1.20.2'])
    expect(c.timeouts.commandMs).toBe(1500)
  })

  it('KIND_PRELOAD_IMAGES=none preloads nothing; empty values count as unset', () => {
    expect(loadKindConfig({ KIND_PRELOAD_IMAGES: 'none' }, PLACES).preloadImages).toEqual([])
    expect(loadKindConfig({ KIND_POOL_SIZE: '' }, PLACES).poolSize).toBe(2)
  })

  it.each([
    [{ KIND_POOL_SIZE: 'lots' }, /KIND_POOL_SIZE: /],
    [{ KIND_POOL_SIZE: '-1' }, /KIND_POOL_SIZE: /],
    [{ KIND_POOL_SIZE: '2.5' }, /KIND_POOL_SIZE: /],
    [{ KIND_MAX_CLUSTERS: '500' }, /KIND_MAX_CLUSTERS: /],
    [{ KIND_POOL_SIZE: '5', KIND_MAX_CLUSTERS: '3' }, /KIND_MAX_CLUSTERS: must be at least KIND_POOL_SIZE/],
    [{ KIND_CLUSTER_TTL: 'forever' }, /KIND_CLUSTER_TTL: expected a duration like 90s, 30m or 8h, got "forever"/],
    [{ KIND_CLUSTER_TTL: '0s' }, /KIND_CLUSTER_TTL: expected a duration/],
    [{ KIND_K8S_VERSION: '1.34' }, /KIND_K8S_VERSION: expected a Kubernetes version such as v1.34.0/],
    [{ KIND_ISTIO_VERSION: 'latest' }, /KIND_ISTIO_VERSION: expected an Istio version/],
    [{ KIND_PRELOAD_IMAGES: 'ok/image:1,Bad Image' }, /KIND_PRELOAD_IMAGES: expected a Docker image reference/],
    [{ KIND_CLUSTER_PREFIX: 'Mesh_Dojo' }, /KIND_CLUSTER_PREFIX: expected 1-20 lower-case letters/],
    [{ KIND_CLUSTER_PREFIX: 'a-very-long-prefix-for-kind-clusters' }, /KIND_CLUSTER_PREFIX: /],
    [{ KIND_RELEASE_MODE: 'recycle' }, /KIND_RELEASE_MODE: /],
  ])('rejects %o with a message naming the variable', (env, message) => {
    expect(() => loadKindConfig(env, PLACES)).toThrow(KindConfigError)
    expect(() => loadKindConfig(env, PLACES)).toThrow(message)
  })

  it('lists every bad variable at once', () => {
    expect(() => loadKindConfig({ KIND_POOL_SIZE: 'x', KIND_CLUSTER_TTL: 'y' }, PLACES)).toThrow(/KIND_POOL_SIZE[\s\S]*KIND_CLUSTER_TTL/)
  })
})

describe('parseDuration', () => {
  it.each([
    ['1500ms', 1500],
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['8h', 28_800_000],
    ['250', 250],
  ])('%s -> %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms))

  it.each(['', '5d', '1.5h', 'h', '-3s'])('%j is not a duration', (text) => expect(parseDuration(text)).toBeUndefined())
})
