// istioctl profile list (profile-list.go's shape), the profile group's usage, and the unmodelled dump/diff.
import { describe, expect, it } from 'vitest'
import { PROFILES } from '../istio/profiles'
import { harness } from './harness.test-util'
import { RELEASE_PROFILES } from './profile'

describe('istioctl profile', () => {
  it('list prints the heading, then each profile indented four spaces, sorted', async () => {
    const r = await harness().istioctl(['profile', 'list'])
    expect(r).toEqual({
      code: 0, stderr: '',
      stdout: 'Istio configuration profiles:\n    ambient\n    default\n    demo\n    empty\n    minimal\n    openshift\n    openshift-ambient\n    preview\n    remote\n    stable\n',
    })
    expect([...RELEASE_PROFILES].sort()).toEqual(RELEASE_PROFILES)
  })

  it('lists every profile the sim can install', () => {
    for (const p of PROFILES) expect(RELEASE_PROFILES).toContain(p.name)
  })

  it('list takes no arguments (cobra.ExactArgs(0)); the group alone prints its usage', async () => {
    const h = harness()
    expect(await h.istioctl(['profile', 'list', 'demo'])).toEqual({ stdout: '', stderr: 'Error: accepts 0 arg(s), received 1\n', code: 1 })
    const usage = await h.istioctl(['profile'])
    expect(usage.code).toBe(0)
    expect(usage.stdout).toContain('Available Commands:\n  diff        Diffs two Istio configuration profiles\n  dump        Dumps an Istio configuration profile\n  list        Lists available Istio configuration profiles\n')
    expect((await h.istioctl(['profile', 'show'])).stderr).toBe('Error: unknown command "show" for "istioctl profile"\n')
  })

  it('dump and diff say they are not modelled, and change nothing', async () => {
    const h = harness()
    const before = h.session.store.size()
    const r = await h.istioctl(['profile', 'dump', 'demo'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^Error: profile dump is not supported in this simulator/)
    expect((await h.istioctl(['profile', 'diff', 'default', 'demo'])).stderr).toMatch(/^Error: profile diff is not supported in this simulator/)
    expect(h.session.store.size()).toBe(before)
  })

  it('works through the shell (a pipe sees every profile line)', async () => {
    const h = harness()
    expect(await h.sh('istioctl profile list | grep -c "^    "')).toBe('10\n')
  })
})
