import { describe, expect, it } from 'vitest'
import { DriverError } from '../cluster-driver'
import { FakeCommandRunner } from './fake-command-runner'
import { KindHost } from './index'
import { isKindAvailable } from './preflight'
import { virtualHost } from './kind-fixtures.test-util'

/** What the four tools print on a working host (kubectl 1.34's --client output, istioctl's client-only version). */
function toolsPresent(): FakeCommandRunner {
  return new FakeCommandRunner()
    .on(['docker', 'version'], { stdout: '28.5.1\n' })
    .on(['kind', 'version'], { stdout: 'kind v0.30.0 go1.24.6 linux/amd64\n' })
    .on(['kubectl', 'version', '--client'], { stdout: 'Client Version: v1.34.1\nKustomize Version: v5.7.1\n' })
    .on(['istioctl', 'version', '--remote=false'], { stdout: 'client version: 1.28.0\n' })
}

describe('isKindAvailable, with a fake command runner', () => {
  it('is available when all four tools answer, and names their versions', async () => {
    const runner = toolsPresent()
    expect(await isKindAvailable(runner)).toEqual({ available: true, reason: 'docker 28.5.1, kind v0.30.0, kubectl v1.34.1, istioctl 1.28.0' })
    expect(runner.commandLines()).toEqual(['docker version --format {{.Server.Version}}', 'kind version', 'kubectl version --client', 'istioctl version --remote=false'])
  })

  it('names every missing or failing tool: a stopped Docker daemon, istioctl not on PATH', async () => {
    const runner = toolsPresent()
      .on(['docker', 'version'], { exitCode: 1, stdout: '\n', stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' })
      .on(['istioctl'], { exitCode: 127, stderr: 'spawn istioctl ENOENT\n' })
    const r = await isKindAvailable(runner)
    expect(r.available).toBe(false)
    expect(r.reason).toBe('kind driver unavailable: docker: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?; istioctl: not found on PATH')
  })

  it('an istioctl of another version than KIND_ISTIO_VERSION is a reason too', async () => {
    const r = await isKindAvailable(toolsPresent().on(['istioctl'], { stdout: '1.27.3\n' }), { istioVersion: '1.28.0' })
    expect(r).toEqual({ available: false, reason: expect.stringContaining('istioctl: version 1.27.3 on PATH, but KIND_ISTIO_VERSION is 1.28.0') })
  })

  it('a tool that hangs is reported, not waited on forever', async () => {
    const { clock, host } = virtualHost()
    const runner = new FakeCommandRunner(host).on(['docker'], { hang: true }).on(['kind'], { stdout: 'kind v0.30.0 go1.24.6 linux/amd64' })
    const pending = isKindAvailable(runner)
    await new Promise((res) => setImmediate(res))
    clock.advanceBy(15_000)
    expect((await pending).reason).toMatch(/docker: `docker version --format \{\{.Server.Version\}\}` did not answer within 15000 ms/)
  })
})

describe('KindHost, with a fake command runner', () => {
  it('a driver start on a host without the tools fails with the preflight reason, and the host can retry later', async () => {
    const runner = toolsPresent().on(['kind', 'version'], { exitCode: 127, stderr: '' })
    const kindHost = new KindHost({ host: virtualHost().host, env: { KIND_POOL_SIZE: '0' }, runner, repoRoot: '/srv/mesh-dojo' })
    const driver = kindHost.createDriver()
    const err = await driver.start({}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DriverError)
    expect(err).toMatchObject({ code: 'unsupported', message: 'kind driver unavailable: kind: not found on PATH' })
    runner.on(['kind', 'version'], { stdout: 'kind v0.30.0 go1.24.6 linux/amd64\n' })
    runner.on(['kind', 'get', 'clusters'], { stderr: 'No kind clusters found.\n' }).on(['docker', 'ps'], { stdout: '' })
    await kindHost.ensureStarted()
    expect(runner.commandLines().filter((l) => l === 'kind get clusters')).toHaveLength(1)
    kindHost.pool.dispose()
  })

  it('reads its configuration from the given environment and names sessions uniquely', () => {
    const kindHost = new KindHost({ host: virtualHost().host, env: { KIND_CLUSTER_PREFIX: 'cohort7', KIND_POOL_SIZE: '1' }, runner: new FakeCommandRunner(), repoRoot: '/srv/mesh-dojo' })
    expect(kindHost.config).toMatchObject({ clusterPrefix: 'cohort7', poolSize: 1, samplesDir: '/srv/mesh-dojo/content/samples' })
    expect(() => new KindHost({ host: virtualHost().host, env: { KIND_POOL_SIZE: 'many' }, runner: new FakeCommandRunner() })).toThrow(/KIND_POOL_SIZE/)
  })
})
