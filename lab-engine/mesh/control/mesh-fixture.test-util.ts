// Test support: a sim session with Istio's demo profile and Bookinfo running, built with real commands and the real store.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createSimSession, type SimSession } from '../../sim/session'
import { compileMesh } from './compile'
import { createProxyConfigSource } from './proxy-config-source'
import type { ProxyConfig } from './types'

const SAMPLES = path.join(import.meta.dirname, '../../../content/samples/bookinfo')

export function sample(rel: string): string {
  return readFileSync(path.join(SAMPLES, rel), 'utf8')
}

const SETUP = `istioctl install --set profile=demo -y
kubectl label namespace default istio-injection=enabled
kubectl apply -f bookinfo.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
kubectl wait --for=condition=Ready pods --all -n istio-system --timeout=300s`

/** Istio demo + Bookinfo in `default`, with this module's ProxyConfigSource wired into istioctl. */
export async function bookinfoSession(): Promise<SimSession> {
  const session = createSimSession({ seed: 7, files: { 'bookinfo.yaml': sample('platform/kube/bookinfo.yaml') }, proxyConfig: ({ store, clock }) => createProxyConfigSource(store, { now: () => clock.now() }) })
  await run(session, SETUP)
  return session
}

/** Runs a script and fails loudly if any statement fails. */
export async function run(session: SimSession, script: string): Promise<string> {
  const results = await session.run(script)
  const failed = results.find((r) => r.exitCode !== 0)
  if (failed) throw new Error(`${failed.command} -> ${failed.exitCode}: ${failed.stderr}${failed.stdout}`)
  return results.map((r) => r.stdout).join('')
}

let seq = 0
/** kubectl apply of a manifest written to the session's file system. */
export async function apply(session: SimSession, yaml: string, namespace?: string): Promise<void> {
  const file = `/tmp/manifest-${++seq}.yaml`
  session.vfs.mkdir('/tmp', { parents: true })
  session.vfs.writeFile(file, yaml)
  await run(session, `kubectl apply -f ${file}${namespace ? ` -n ${namespace}` : ''}`)
}

export async function remove(session: SimSession, yaml: string, namespace?: string): Promise<void> {
  const file = `/tmp/manifest-${++seq}.yaml`
  session.vfs.writeFile(file, yaml)
  await run(session, `kubectl delete -f ${file}${namespace ? ` -n ${namespace}` : ''}`)
}

/** The first pod labelled app=<app> (optionally version) in a namespace. */
export function podOf(session: SimSession, app: string, namespace = 'default', version?: string): string {
  const sel = version ? `app=${app},version=${version}` : `app=${app}`
  const pod = session.store.list({ kind: 'Pod', namespace, labelSelector: sel })[0]
  if (!pod) throw new Error(`no pod ${sel} in ${namespace}`)
  return pod.metadata.name
}

export function configOf(session: SimSession, app: string, namespace = 'default', version?: string): ProxyConfig {
  const cfg = compileMesh(session.store).forPod(namespace, podOf(session, app, namespace, version))
  if (!cfg) throw new Error(`no proxy config for ${app}`)
  return cfg
}

export function vhost(cfg: ProxyConfig, routeConfig: string, name: string) {
  const vh = cfg.routes.get(routeConfig)?.virtualHosts.find((v) => v.name === name)
  if (!vh) throw new Error(`no virtual host ${name} in route ${routeConfig}`)
  return vh
}

export async function istioctl(session: SimSession, args: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const [r] = await session.run(`istioctl ${args}`)
  return r!
}
