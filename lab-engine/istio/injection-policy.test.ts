import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { shouldInject, type InjectionInput } from './injection-policy'

function input(ns: Record<string, string>, pod: Record<string, string> = {}, extra: Partial<InjectionInput> = {}): InjectionInput {
  return { namespace: 'shop', namespaceLabels: ns, podLabels: pod, podAnnotations: {}, hostNetwork: false, alreadyInjected: false, ...extra }
}

describe('shouldInject (Istio docs: controlling the injection policy)', () => {
  it.each([
    ['namespace enabled', input({ 'istio-injection': 'enabled' }), true],
    ['namespace disabled', input({ 'istio-injection': 'disabled' }), false],
    ['no labels at all', input({}), false],
    ['pod opts in without namespace label', input({}, { 'sidecar.istio.io/inject': 'true' }), true],
    ['pod opts out of an enabled namespace', input({ 'istio-injection': 'enabled' }, { 'sidecar.istio.io/inject': 'false' }), false],
    ['disabled namespace beats pod opt-in', input({ 'istio-injection': 'disabled' }, { 'sidecar.istio.io/inject': 'true' }), false],
    ['revision label of the installed revision', input({ 'istio.io/rev': 'default' }), true],
    ['revision label of a revision not installed', input({ 'istio.io/rev': 'canary' }), false],
    ['istio-injection beats istio.io/rev', input({ 'istio-injection': 'disabled', 'istio.io/rev': 'default' }), false],
    ['deprecated annotation opt-out', input({ 'istio-injection': 'enabled' }, {}, { podAnnotations: { 'sidecar.istio.io/inject': 'false' } }), false],
    ['host network pod', input({ 'istio-injection': 'enabled' }, {}, { hostNetwork: true }), false],
    ['already injected', input({ 'istio-injection': 'enabled' }, {}, { alreadyInjected: true }), false],
    ['kube-system is never injected', input({ 'istio-injection': 'enabled' }, {}, { namespace: 'kube-system' }), false],
  ])('%s', (_name, p, want) => {
    expect(shouldInject(p)).toBe(want)
  })

  it('a "disabled"/"false" label always wins, whatever else is set', () => {
    const label = fc.constantFrom(undefined, 'enabled', 'disabled', 'true', 'false', 'x')
    fc.assert(fc.property(label, label, fc.boolean(), (ns, pod, nsDisables) => {
      const nsLabels: Record<string, string> = nsDisables ? { 'istio-injection': 'disabled' } : ns ? { 'istio-injection': ns } : {}
      const podLabels: Record<string, string> = nsDisables ? (pod ? { 'sidecar.istio.io/inject': pod } : {}) : { 'sidecar.istio.io/inject': 'false' }
      expect(shouldInject(input(nsLabels, podLabels))).toBe(false)
    }))
  })
})
