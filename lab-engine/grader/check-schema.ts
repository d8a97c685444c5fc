// Check kinds a lab task is graded by, as zod schemas (lab.yaml's `checks`).
//
// Issue 6: resource, exec, http, distribution, latency, metric, and the
// all/any combinators. Every check names what the learner should fix in
// `message`; `diagnoses` map recognisable wrong states to targeted messages.
import { z } from 'zod'

export const MAX_CHECK_DEPTH = 4
export const MAX_DISTRIBUTION_REQUESTS = 5_000

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes').max(60)
const regex = z.string().max(500).refine((s) => {
  try {
    new RegExp(s)
    return true
  } catch {
    return false
  }
}, 'not a valid regular expression')

export const podSelectorSchema = z.strictObject({
  namespace: z.string().default('default'),
  /** A label selector (`app=sleep`); the newest running pod matching it is used. */
  selector: z.string().min(1),
  container: z.string().optional(),
})

/** A request from a pod, or from outside the cluster (the learner's terminal, through the ingress gateway). */
export const probeSourceSchema = z.union([z.literal('outside'), podSelectorSchema])

export const httpRequestSchema = z.strictObject({
  /**
   * Templates: `{{ingress}}` is the ingress gateway's address and HTTP port (`172.18.255.200:80`),
   * `{{ingress_https}}` its address and HTTPS port, `{{ingress_host}}` the address alone,
   * `{{ingress_https_port}}` the HTTPS port alone (as INGRESS_HOST / SECURE_INGRESS_PORT in Istio's docs).
   */
  url: z.string().min(1).max(2_000),
  method: z.string().regex(/^[A-Z]+$/).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().max(100_000).optional(),
  timeoutMs: z.number().int().positive().max(120_000).optional(),
  /** curl's --resolve pins, `host:port:address`; templates work here too (`httpbin.example.com:443:{{ingress_host}}`). */
  resolve: z.array(z.string().regex(/^[^:\s]+:(\d+|\{\{ingress_https_port\}\}):\S+$/, 'a --resolve pin is host:port:address')).max(5).optional(),
  /** Certificate checks off (curl -k); default true. */
  insecure: z.boolean().optional(),
})

const base = {
  id: id.optional(),
  /** What the learner reads when the check fails: what is wrong and what to do. */
  message: z.string().min(1).max(1_000),
  /** Recognisable wrong states: when a diagnosis's check passes on a failing state, its message replaces `message`. */
  diagnoses: z.lazy((): z.ZodType<Diagnosis[]> => z.array(z.strictObject({ when: checkSchema, message: z.string().min(1).max(1_000) })).max(10)).optional() as z.ZodOptional<z.ZodType<Diagnosis[]>>,
}

const resourceRef = z.strictObject({
  kind: z.string().min(1),
  name: z.string().min(1).optional(),
  namespace: z.string().optional(),
  apiVersion: z.string().optional(),
  /** Instead of a name: the objects matching this label selector (exists: at least one). */
  selector: z.string().optional(),
})

export const resourceCheckSchema = z.strictObject({
  ...base,
  kind: z.literal('resource'),
  resource: resourceRef,
  expect: z.union([
    z.literal('exists'),
    z.literal('absent'),
    z.strictObject({
      jsonPath: z.string().min(1), equals: z.unknown().optional(), matches: regex.optional(),
      /** Without a name, whether every listed object must match (default) or at least one. */
      of: z.enum(['every', 'some']).default('every'),
    }),
  ]),
})

export const execCheckSchema = z.strictObject({
  ...base,
  kind: z.literal('exec'),
  pod: podSelectorSchema,
  command: z.array(z.string()).min(1).max(100),
  expect: z.strictObject({
    exitCode: z.number().int().optional(),
    stdoutContains: z.string().optional(),
    stdoutMatches: regex.optional(),
    stdoutEquals: z.string().optional(),
  }),
})

export const httpCheckSchema = z.strictObject({
  ...base,
  kind: z.literal('http'),
  from: probeSourceSchema,
  request: httpRequestSchema,
  expect: z.strictObject({
    status: z.union([z.number().int(), z.array(z.number().int())]).optional(),
    /** curl's exit code: 0 for any response, 56 for a connection reset (plain text to STRICT mTLS). */
    curlExit: z.number().int().optional(),
    headers: z.record(z.string(), regex).optional(),
    bodyContains: z.string().optional(),
    bodyMatches: regex.optional(),
  }),
  /** Send this many times; every answer must match (a flaky service must be fixed, not lucky). */
  repeat: z.number().int().min(1).max(100).default(1),
})

export const distributionCheckSchema = z.strictObject({
  ...base,
  kind: z.literal('distribution'),
  from: probeSourceSchema,
  request: httpRequestSchema,
  /** Buckets by regex over the response body, first match wins; shares sum to 1. */
  buckets: z.array(z.strictObject({ name: z.string().min(1), matches: regex, share: z.number().min(0).max(1) })).min(2).max(10),
  /** How far the nearest wrong split is (0.1: 80/20 must fail where 90/10 is expected). */
  resolution: z.number().min(0.02).max(0.5).default(0.1),
  /** Fixed request count; default: the smallest N at which the nearest wrong split fails. */
  requests: z.number().int().min(10).max(MAX_DISTRIBUTION_REQUESTS).optional(),
})

export const latencyCheckSchema = z.strictObject({
  ...base,
  kind: z.literal('latency'),
  from: probeSourceSchema,
  request: httpRequestSchema,
  minMs: z.number().nonnegative().optional(),
  maxMs: z.number().positive().optional(),
  status: z.union([z.number().int(), z.array(z.number().int())]).optional(),
})

export const metricCheckSchema = z.strictObject({
  ...base,
  kind: z.literal('metric'),
  /** A PromQL-subset query; a vector's values are summed. */
  query: z.string().min(1).max(2_000),
  op: z.enum(['>', '>=', '==', '<=', '<']),
  value: z.number(),
})

export type ResourceCheck = z.infer<typeof resourceCheckSchema>
export type ExecCheck = z.infer<typeof execCheckSchema>
export type HttpCheck = z.infer<typeof httpCheckSchema>
export type DistributionCheck = z.infer<typeof distributionCheckSchema>
export type LatencyCheck = z.infer<typeof latencyCheckSchema>
export type MetricCheck = z.infer<typeof metricCheckSchema>

export interface Diagnosis {
  when: Check
  message: string
}

export type CombinatorCheck = { kind: 'all' | 'any'; id?: string; message: string; checks: Check[]; diagnoses?: Diagnosis[] }

export type Check = ResourceCheck | ExecCheck | HttpCheck | DistributionCheck | LatencyCheck | MetricCheck | CombinatorCheck

export const checkSchema: z.ZodType<Check> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    resourceCheckSchema, execCheckSchema, httpCheckSchema, distributionCheckSchema, latencyCheckSchema, metricCheckSchema,
    z.strictObject({ ...base, kind: z.literal('all'), checks: z.array(checkSchema).min(1).max(20) }),
    z.strictObject({ ...base, kind: z.literal('any'), checks: z.array(checkSchema).min(1).max(20) }),
  ]),
) as unknown as z.ZodType<Check>
