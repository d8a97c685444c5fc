import { describe, expect, it } from 'vitest'
import { harness } from './harness.test-util'

describe('istioctl dispatch (cobra)', () => {
  it('prints usage with no arguments', async () => {
    const r = await harness().istioctl([])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Istio configuration command line utility/)
  })

  it('answers an unknown command like cobra and exits 1', async () => {
    expect(await harness().istioctl(['instal'])).toEqual({ stdout: '', stderr: 'Error: unknown command "instal" for "istioctl"\nRun \'istioctl --help\' for usage.\n', code: 1 })
  })

  it('answers an unknown flag and changes nothing', async () => {
    const h = harness()
    const before = h.session.store.size()
    expect(await h.istioctl(['install', '-y', '--frob'])).toEqual({ stdout: '', stderr: 'Error: unknown flag: --frob\n', code: 1 })
    expect(h.session.store.size()).toBe(before)
  })

  it('finds subcommands behind flags and through aliases', async () => {
    const h = harness()
    expect((await h.istioctl(['-i', 'istio-system', 'version', '--remote=false'])).stdout).toBe('client version: 1.26.2\n')
    expect((await h.istioctl(['experimental', 'precheck'])).stdout).toMatch(/^✔ No issues found/)
    expect((await h.istioctl(['ps'])).stderr).toBe('Error: unable to find any Istiod instances\n')
    expect((await h.istioctl(['pc', 'l', 'nope'])).stderr).toBe('Error: pods "nope" not found\n')
    expect((await h.istioctl(['d', 'prometheus'])).stderr).toBe('Error: no Prometheus pods found\n')
  })

  it('--help prints the subcommand usage; root flags alone print the root usage', async () => {
    const h = harness()
    const r = await h.istioctl(['proxy-status', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Retrieves the synchronization status of each Envoy in the mesh\n\nUsage:\n {2}istioctl proxy-status \[flags\]\n\nAliases:\n {2}proxy-status, ps\n/)
    expect((await h.istioctl(['-i', 'istio-system'])).stdout).toMatch(/^Istio configuration command line utility/)
    expect(await h.istioctl(['--nope'])).toEqual({ stdout: '', stderr: 'Error: unknown flag: --nope\n', code: 1 })
  })

  it('install asks first and reads the answer from stdin', async () => {
    const h = harness()
    const no = await h.istioctl(['install', '--set', 'profile=minimal'], { stdin: 'N\n' })
    expect(no.code).toBe(1)
    expect(no.stdout).toMatch(/This will install the Istio 1\.26\.2 profile "minimal" into the cluster\. Proceed\? \(y\/N\) Cancelled\.\n$/)
    expect(h.session.store.list({ kind: 'Namespace' }).map((n) => n.metadata.name)).not.toContain('istio-system')
    const yes = await h.istioctl(['install', '--set', 'profile=minimal', '--set', 'meshConfig.accessLogFile=/dev/stdout'], { stdin: 'y\n' })
    expect(yes.code).toBe(0)
    expect(yes.stdout).toMatch(/✔ Istio core installed ⛵️\n✔ Istiod installed 🧠\n✔ Installation complete\n/)
    expect(h.session.store.list({ kind: 'Deployment', namespace: 'istio-system' }).map((d) => d.metadata.name)).toEqual(['istiod'])
    expect((await h.istioctl(['version'])).stdout).toBe('client version: 1.26.2\ncontrol plane version: 1.26.2\ndata plane version: none\n')
  })

  it('install -f takes the profile and gateway switches from an IstioOperator (docs: demo-profile-no-gateways.yaml)', async () => {
    const h = harness()
    h.session.vfs.writeFile('/home/learner/iop.yaml', 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: demo\n  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      enabled: false\n    egressGateways:\n    - name: istio-egressgateway\n      enabled: false\n')
    const r = await h.istioctl(['install', '-f', 'iop.yaml', '-y'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/\n✔ Istio core installed ⛵️\n✔ Istiod installed 🧠\n✔ Installation complete\n/)
    expect(h.session.store.list({ kind: 'Deployment', namespace: 'istio-system' }).map((d) => d.metadata.name)).toEqual(['istiod'])
    h.session.vfs.writeFile('/home/learner/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n')
    expect((await h.istioctl(['install', '-f', 'cm.yaml', '-y'])).stderr).toBe('Error: could not generate config: no IstioOperator found in cm.yaml\n')
  })

  it('uninstall needs --purge or a revision', async () => {
    const r = await harness().istioctl(['uninstall', '-y'])
    expect(r).toMatchObject({ code: 1, stderr: 'Error: at least one of the --revision (or --set revision=<revision>), --filename or --purge flags must be set\n' })
  })
})
