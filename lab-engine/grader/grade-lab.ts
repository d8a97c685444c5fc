// Grading a lab: every task's checks against the cluster, on a copy of the learner's state where the driver can fork.
//
// Issue 6 "Grader": checks go through the ClusterDriver only (probeHttp, exec,
// get, queryMetric), never the learner's terminal text; the sim grades a copy
// taken at the current instant with a fixed seed, so grading changes nothing
// the learner sees and the same state always grades the same.
import type { ClusterDriver } from '../drivers/cluster-driver'
import type { CheckContext, CheckOutcome, IngressAddress } from './check-outcome'
import { evaluateCheck } from './evaluate-check'
import type { LabSpec } from './lab-schema'

export interface TaskResult {
  taskId: string
  title: string
  passed: boolean
  points: number
  earned: number
  checks: CheckOutcome[]
}

export interface GradeResult {
  tasks: TaskResult[]
  score: number
  maxScore: number
  /** Whether grading ran on a copy of the state (the sim) or live (kind). */
  onCopy: boolean
}

export interface GradeOptions {
  /** Grade only these tasks (live progress re-checks what changed); default all. */
  taskIds?: readonly string[]
}

export async function gradeLab(lab: LabSpec, driver: ClusterDriver, opts: GradeOptions = {}): Promise<GradeResult> {
  const target = driver.fork ? await driver.fork() : driver
  try {
    const ctx = checkContext(target)
    const tasks: TaskResult[] = []
    for (const task of lab.tasks) {
      if (opts.taskIds && !opts.taskIds.includes(task.id)) continue
      const checks: CheckOutcome[] = []
      for (const check of task.checks) checks.push(await evaluateCheck(check, ctx))
      const passed = checks.every((c) => c.passed)
      tasks.push({ taskId: task.id, title: task.title, passed, points: task.points, earned: passed ? task.points : 0, checks })
    }
    return { tasks, score: sum(tasks.map((t) => t.earned)), maxScore: sum(tasks.map((t) => t.points)), onCopy: target !== driver }
  } finally {
    if (target !== driver) await target.stop()
  }
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0)
}

/** Checks' view of the cluster; the ingress address is looked up once per grading. */
export function checkContext(driver: ClusterDriver): CheckContext {
  let ingress: Promise<IngressAddress> | undefined
  return { driver, ingress: () => (ingress ??= ingressAddress(driver)) }
}

/** istio-ingressgateway's LoadBalancer address and its HTTP/HTTPS ports, as INGRESS_HOST/INGRESS_PORT/SECURE_INGRESS_PORT in Istio's docs. */
export async function ingressAddress(driver: ClusterDriver): Promise<IngressAddress> {
  const svc = await driver.get({ kind: 'Service', namespace: 'istio-system', name: 'istio-ingressgateway' })
  if (!svc) throw new Error('there is no istio-ingressgateway Service in istio-system: is Istio installed with an ingress gateway?')
  const status = svc.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined
  const lb = status?.loadBalancer?.ingress?.[0]
  const host = lb?.ip ?? lb?.hostname
  if (!host) throw new Error('the ingress gateway has no external address yet')
  const ports = (svc.spec as { ports?: { name?: string; port: number }[] }).ports ?? []
  const http = ports.find((p) => p.name === 'http2') ?? ports.find((p) => p.port === 80)
  const https = ports.find((p) => p.name === 'https') ?? ports.find((p) => p.port === 443)
  return { host, httpPort: http?.port ?? 80, httpsPort: https?.port ?? 443 }
}
