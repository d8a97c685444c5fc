import { describe, expect, it } from 'vitest'
import { ClusterPool, NoClusterAvailableError } from './cluster-pool'
import type { FakeCommandRunner, FakeReply } from './fake-command-runner'
import { healthyHost, kindDeleteStderr, memoryFiles, namespaceList, READYZ_REFUSED, STATE_DIR, testConfig, virtualHost } from './kind-fixtures.test-util'

const HOUR = 3_600_000

function setup(env: Record<string, string> = {}, script?: (r: FakeCommandRunner) => void) {
  const { clock, host } = virtualHost()
  const runner = healthyHost(host)
  script?.(runner)
  const logs: string[] = []
  const files = memoryFiles()
  const pool = new ClusterPool({ runner, config: testConfig(env), host, files, log: (m) => logs.push(m) })
  return { pool, runner, clock, logs, files }
}

const created = (r: FakeCommandRunner) => r.calls.filter((c) => c.argv[1] === 'create').map((c) => c.argv[4])
const deleted = (r: FakeCommandRunner) => r.calls.filter((c) => c.argv[0] === 'kind' && c.argv[1] === 'delete').map((c) => c.argv[4])

describe('ClusterPool, with a fake command runner', () => {
  it('warms the pool: create, install Istio, load each sample image, in that order with the exact argv', async () => {
    const { pool, runner, files } = setup({ KIND_POOL_SIZE: '1' })
    await pool.start()
    await pool.whenIdle()
    expect(files.dirs).toEqual([STATE_DIR])
    const kc = `${STATE_DIR}/mesh-dojo-1.kubeconfig`
    expect(runner.commandLines()).toEqual([
      'kind get clusters',
      'docker ps -a --filter label=mesh-dojo.toolbox=mesh-dojo --format {{.Names}}',
      `kind create cluster --name mesh-dojo-1 --image kindest/node:v1.34.0 --kubeconfig ${kc} --wait 120s`,
      `istioctl install --kubeconfig ${kc} --context kind-mesh-dojo-1 --set profile=demo -y`,
      'kind load docker-image docker.io/istio/examples-bookinfo-details-v1:1.20.2 --name mesh-dojo-1',
      'kind load docker-image docker.io/mccutchen/go-httpbin:v2.15.0 --name mesh-dojo-1',
    ])
    expect(runner.calls.find((c) => c.argv[1] === 'create')?.timeoutMs).toBe(5 * 60_000)
    expect(pool.status()).toMatchObject({ ready: 1, total: 1 })
    pool.dispose()
  })

  it('leases a warm cluster and starts a replacement so the pool stays full', async () => {
    const { pool, runner } = setup({ KIND_POOL_SIZE: '2', KIND_MAX_CLUSTERS: '4' })
    await pool.start()
    await pool.whenIdle()
    const lease = await pool.lease('s1')
    expect(lease).toMatchObject({ sessionId: 's1', cluster: { name: 'mesh-dojo-1', context: 'kind-mesh-dojo-1' } })
    await pool.whenIdle()
    expect(created(runner)).toEqual(['mesh-dojo-1', 'mesh-dojo-2', 'mesh-dojo-3'])
    expect(pool.status()).toMatchObject({ leased: 1, ready: 2, total: 3 })
    pool.dispose()
  })

  it('never hands one cluster to two sessions, and says clearly when none is left at capacity', async () => {
    const { pool } = setup({ KIND_POOL_SIZE: '2', KIND_MAX_CLUSTERS: '2' })
    await pool.start()
    await pool.whenIdle()
    const results = await Promise.allSettled([pool.lease('a'), pool.lease('b'), pool.lease('c')])
    const names = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.cluster.name] : []))
    expect(new Set(names).size).toBe(2)
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(failure.reason).toBeInstanceOf(NoClusterAvailableError)
    expect(failure.reason.message).toMatch(/no cluster available: all 2 kind clusters are in use \(KIND_MAX_CLUSTERS=2\)/)
    pool.dispose()
  })

  it('a lease during warm-up claims the warming cluster and waits for it', async () => {
    const { pool, runner } = setup({ KIND_POOL_SIZE: '1', KIND_MAX_CLUSTERS: '1' })
    await pool.start()
    const lease = await pool.lease('s1')
    expect(lease.cluster.name).toBe('mesh-dojo-1')
    expect(runner.commandLines().filter((l) => l.startsWith('kind load'))).toHaveLength(2)
    expect(pool.status()).toMatchObject({ leased: 1, total: 1 })
    pool.dispose()
  })

  it('creates a cluster on demand when the pool is empty but under capacity (pool size 0)', async () => {
    const { pool, runner } = setup({ KIND_POOL_SIZE: '0', KIND_MAX_CLUSTERS: '1' })
    await pool.start()
    expect(created(runner)).toEqual([])
    const lease = await pool.lease('s1')
    expect(lease.cluster.name).toBe('mesh-dojo-1')
    await expect(pool.lease('s2')).rejects.toBeInstanceOf(NoClusterAvailableError)
    pool.dispose()
  })

  it('release in reset mode deletes learner namespaces and Istio config, reinstalls Istio, and reuses the cluster', async () => {
    const { pool, runner } = setup({ KIND_POOL_SIZE: '1', KIND_MAX_CLUSTERS: '1' }, (r) =>
      r.on(['kubectl', 'get', 'namespaces'], { stdout: namespaceList(['bookinfo', 'foo']) }),
    )
    await pool.start()
    const lease = await pool.lease('s1')
    const before = runner.calls.length
    await pool.release(lease)
    const lines = runner.commandLines().slice(before)
    const kc = `kubectl --kubeconfig ${STATE_DIR}/mesh-dojo-1.kubeconfig --context kind-mesh-dojo-1`
    expect(lines[0]).toBe(`${kc} get namespaces -o json`)
    expect(lines[1]).toBe(`${kc} delete namespace bookinfo foo --ignore-not-found --timeout=120s`)
    expect(lines[2]).toMatch(new RegExp(`^${kc} delete virtualservices.networking.istio.io,destinationrules.networking.istio.io,.*authorizationpolicies.security.istio.io.* --all --all-namespaces`))
    expect(lines).toContain(`${kc} delete services -n default --field-selector metadata.name!=kubernetes --ignore-not-found --timeout=120s`)
    expect(lines).toContain(`${kc} label namespace default istio-injection- istio.io/rev-`)
    expect(lines.at(-2)).toMatch(/^istioctl install .* --set profile=demo -y$/)
    expect(lines.at(-1)).toBe(`${kc} get --raw /readyz`)
    expect(deleted(runner)).toEqual([])
    expect(pool.status()).toMatchObject({ ready: 1, leased: 0 })
    expect((await pool.lease('s2')).cluster.name).toBe('mesh-dojo-1')
    pool.dispose()
  })

  it('release in delete mode deletes the cluster, removes its kubeconfig and refills with a new one', async () => {
    const { pool, runner, files } = setup({ KIND_POOL_SIZE: '1', KIND_MAX_CLUSTERS: '1', KIND_RELEASE_MODE: 'delete' })
    await pool.start()
    const lease = await pool.lease('s1')
    await pool.release(lease)
    await pool.whenIdle()
    expect(runner.commandLines()).toContain(`kind delete cluster --name mesh-dojo-1 --kubeconfig ${STATE_DIR}/mesh-dojo-1.kubeconfig`)
    expect(files.removed).toEqual([`${STATE_DIR}/mesh-dojo-1.kubeconfig`])
    expect(created(runner)).toEqual(['mesh-dojo-1', 'mesh-dojo-2'])
    expect(pool.status()).toMatchObject({ ready: 1, total: 1 })
    pool.dispose()
  })

  it('a failed reset deletes the cluster instead of handing it out dirty', async () => {
    const { pool, runner, logs } = setup({ KIND_POOL_SIZE: '1', KIND_MAX_CLUSTERS: '1' })
    await pool.start()
    const lease = await pool.lease('s1')
    runner.on(['kubectl', 'delete', 'namespace'], { exitCode: 1, stderr: 'error: timed out waiting for the condition on namespaces/bookinfo\n' })
    runner.on(['kubectl', 'get', 'namespaces'], { stdout: namespaceList(['bookinfo']) })
    await pool.release(lease)
    await pool.whenIdle()
    expect(deleted(runner)).toEqual(['mesh-dojo-1'])
    expect(created(runner)).toEqual(['mesh-dojo-1', 'mesh-dojo-2'])
    expect(logs.join('\n')).toMatch(/reset of mesh-dojo-1 failed.*timed out waiting for the condition/)
    pool.dispose()
  })

  it('releasing twice, or with a lease it does not hold, changes nothing', async () => {
    const { pool, runner } = setup({ KIND_POOL_SIZE: '1', KIND_MAX_CLUSTERS: '1', KIND_RELEASE_MODE: 'delete' })
    await pool.start()
    const lease = await pool.lease('s1')
    await pool.release({ ...lease, sessionId: 'intruder' })
    expect(pool.status().leased).toBe(1)
    await pool.release(lease)
    await pool.release(lease)
    await pool.whenIdle()
    expect(deleted(runner)).toEqual(['mesh-dojo-1'])
    pool.dispose()
  })

  it('deletes idle clusters past their TTL on the maintenance timer and refills', async () => {
    const { pool, runner, clock } = setup({ KIND_POOL_SIZE: '1', KIND_CLUSTER_TTL: '2h', KIND_HEALTH_INTERVAL: '30m' })
    await pool.start()
    await pool.whenIdle()
    clock.advanceBy(HOUR)
    await pool.maintain()
    expect(deleted(runner)).toEqual([])
    clock.advanceBy(HOUR)
    await pool.maintain()
    await pool.whenIdle()
    expect(deleted(runner)).toEqual(['mesh-dojo-1'])
    expect(created(runner)).toEqual(['mesh-dojo-1', 'mesh-dojo-2'])
    pool.dispose()
  })

  it('a leased cluster past its TTL is kept for its session and deleted at release instead of reset', async () => {
    const { pool, runner, clock } = setup({ KIND_POOL_SIZE: '1', KIND_MAX_CLUSTERS: '2', KIND_CLUSTER_TTL: '1h', KIND_HEALTH_INTERVAL: '3h' })
    await pool.start()
    const lease = await pool.lease('s1')
    await pool.whenIdle()
    clock.advanceBy(2 * HOUR)
    await pool.maintain()
    await pool.whenIdle()
    expect(deleted(runner)).toEqual(['mesh-dojo-2'])
    await pool.release(lease)
    await pool.whenIdle()
    expect(deleted(runner)).toContain('mesh-dojo-1')
    expect(runner.commandLines().some((l) => l.includes('get namespaces'))).toBe(false)
    pool.dispose()
  })

  it('replaces a cluster that fails its health check', async () => {
    const { pool, runner, logs } = setup({ KIND_POOL_SIZE: '1' })
    await pool.start()
    await pool.whenIdle()
    runner.once(['kubectl', 'get', '--raw', '/readyz'], READYZ_REFUSED)
    await pool.maintain()
    await pool.whenIdle()
    expect(deleted(runner)).toEqual(['mesh-dojo-1'])
    expect(created(runner)).toEqual(['mesh-dojo-1', 'mesh-dojo-2'])
    expect(logs.join('\n')).toMatch(/mesh-dojo-1 failed its health check/)
    pool.dispose()
  })

  it('a cluster stays leasable while its health check runs; one leased meanwhile is not deleted under its session', async () => {
    const { pool, runner } = setup({ KIND_POOL_SIZE: '1', KIND_MAX_CLUSTERS: '1' })
    await pool.start()
    await pool.whenIdle()
    let answer: (r: FakeReply) => void = () => undefined
    runner.once(['kubectl', 'get', '--raw', '/readyz'], () => new Promise<FakeReply>((res) => (answer = res)))
    const sweep = pool.maintain()
    await new Promise((res) => setImmediate(res))
    expect((await pool.lease('s1')).cluster.name).toBe('mesh-dojo-1')
    answer(READYZ_REFUSED)
    await sweep
    expect(deleted(runner)).toEqual([])
    pool.dispose()
  })

  it('the maintenance timer runs the health check every KIND_HEALTH_INTERVAL', async () => {
    const { pool, runner, clock } = setup({ KIND_POOL_SIZE: '1', KIND_HEALTH_INTERVAL: '60s' })
    await pool.start()
    await pool.whenIdle()
    const checks = () => runner.commandLines().filter((l) => l.endsWith('/readyz')).length
    expect(checks()).toBe(0)
    clock.advanceBy(60_000)
    await pool.maintain()
    expect(checks()).toBe(1)
    pool.dispose()
    clock.advanceBy(10 * 60_000)
    expect(checks()).toBe(1)
  })

  it('at start deletes our orphan clusters and toolboxes, leaves other clusters alone, and numbers past the orphans', async () => {
    const { pool, runner } = setup({ KIND_POOL_SIZE: '1' }, (r) =>
      r
        .on(['kind', 'get', 'clusters'], { stdout: 'kind\nmesh-dojo-3\nmesh-dojo-7\nmesh-dojo-dev\n' })
        .on(['docker', 'ps'], { stdout: 'mesh-dojo-toolbox-s17\nmesh-dojo-toolbox-s18\n' }),
    )
    await pool.start()
    await pool.whenIdle()
    expect(deleted(runner)).toEqual(['mesh-dojo-3', 'mesh-dojo-7'])
    expect(runner.commandLines()).toContain('docker rm -f mesh-dojo-toolbox-s17 mesh-dojo-toolbox-s18')
    expect(created(runner)).toEqual(['mesh-dojo-8'])
    pool.dispose()
  })

  it('the maintenance sweep deletes a leftover whose delete failed earlier', async () => {
    const { pool, runner } = setup({ KIND_POOL_SIZE: '1', KIND_MAX_CLUSTERS: '1', KIND_RELEASE_MODE: 'delete' })
    await pool.start()
    const lease = await pool.lease('s1')
    runner.once(['kind', 'delete', 'cluster'], { exitCode: 1, stderr: 'ERROR: failed to delete cluster "mesh-dojo-1": error deleting nodes\n' })
    await pool.release(lease)
    await pool.whenIdle()
    runner.on(['kind', 'get', 'clusters'], { stdout: 'mesh-dojo-1\nmesh-dojo-2\n' })
    runner.on(['kind', 'delete', 'cluster'], { stderr: kindDeleteStderr('mesh-dojo-1') })
    await pool.maintain()
    expect(deleted(runner)).toEqual(['mesh-dojo-1', 'mesh-dojo-1'])
    expect(pool.status().total).toBe(1)
    pool.dispose()
  })

  it('a warm-up failure reaches the waiting lease with the tool message, and the partial cluster is deleted', async () => {
    const { pool, runner } = setup({ KIND_POOL_SIZE: '0', KIND_MAX_CLUSTERS: '1' }, (r) =>
      r.on(['kind', 'load', 'docker-image', /go-httpbin/], { exitCode: 1, stderr: 'ERROR: image: "docker.io/mccutchen/go-httpbin:v2.15.0" not present locally\n' }),
    )
    await pool.start()
    await expect(pool.lease('s1')).rejects.toThrow(/load docker.io\/mccutchen\/go-httpbin:v2.15.0 into mesh-dojo-1 .*not present locally/)
    await pool.whenIdle()
    expect(deleted(runner)).toEqual(['mesh-dojo-1'])
    expect(pool.status().total).toBe(0)
    pool.dispose()
  })

  it('a create that never answers is cut at KIND_CREATE_TIMEOUT and reported as a timeout', async () => {
    const { pool, runner, clock } = setup({ KIND_POOL_SIZE: '0', KIND_CREATE_TIMEOUT: '3m' }, (r) => r.on(['kind', 'create', 'cluster'], { hang: true }))
    await pool.start()
    const leased = pool.lease('s1')
    await Promise.resolve()
    clock.advanceBy(3 * 60_000)
    await expect(leased).rejects.toMatchObject({ code: 'timeout', message: expect.stringMatching(/create cluster mesh-dojo-1: .* did not finish within 180000 ms/) })
    await pool.whenIdle()
    expect(deleted(runner)).toEqual(['mesh-dojo-1'])
    pool.dispose()
  })

  it('shutdown deletes every cluster, leased ones included', async () => {
    const { pool, runner } = setup({ KIND_POOL_SIZE: '2' })
    await pool.start()
    await pool.lease('s1')
    await pool.whenIdle()
    await pool.shutdown()
    expect(deleted(runner).sort()).toEqual(['mesh-dojo-1', 'mesh-dojo-2', 'mesh-dojo-3'])
    await expect(pool.lease('s2')).rejects.toThrow(/shut down/)
  })
})
