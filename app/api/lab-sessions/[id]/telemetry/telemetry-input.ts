// The telemetry API's inputs and access: query schemas with named limits, and a session's driver only where it has telemetry.
import { z } from 'zod'
import { ApiError } from '@/lib/api/api-error'
import type { SessionUser } from '@/lib/auth/sessions'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabSessions } from '@/lib/lab-sessions/engine'
import type { ClusterDriver } from '@/lab-engine/drivers/cluster-driver'
import type { StoredLabSession } from '@/lab-engine/sessions/session-repository'

/** A destination service as Istio labels it: a host name (DNS subdomain, at most 253 characters). */
export const SERVICE_MAX = 253
/** Traces one answer may list, and the default. */
export const TRACES_MAX = 50
export const TRACES_DEFAULT = 20
/** The chart windows offered; `session` is the session so far, capped at the longest. */
export const WINDOWS = { '5m': 5 * 60_000, '15m': 15 * 60_000, '30m': 30 * 60_000, '1h': 60 * 60_000 } as const
export type WindowName = keyof typeof WINDOWS | 'session'

const serviceField = z.string().trim().max(SERVICE_MAX, `A service name is at most ${SERVICE_MAX} characters.`)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'A service is a host name: lower-case letters, digits, dots and dashes.')

/** The shortest `session` window: a young session still gets a readable chart. */
export const SESSION_WINDOW_MIN_MS = 2 * 60_000

/** How far back a chart reaches: the named window, or the session's age within [SESSION_WINDOW_MIN_MS, 1h]. */
export function windowSpan(window: WindowName, sessionAgeMs: number): number {
  if (window !== 'session') return WINDOWS[window]
  return Math.min(WINDOWS['1h'], Math.max(SESSION_WINDOW_MIN_MS, sessionAgeMs))
}

/** Absent or empty: every service. */
const optionalService = z.union([z.literal(''), serviceField]).optional().transform((s) => s || undefined)

export const seriesQuery = z.object({
  service: optionalService,
  window: z.enum(['5m', '15m', '30m', '1h', 'session'], { message: 'window is one of 5m, 15m, 30m, 1h or session.' }).default('session'),
})

export const tracesQuery = z.object({
  service: optionalService,
  limit: z.coerce.number({ message: 'limit is a number.' }).int('limit is a whole number.')
    .min(1, 'limit is at least 1.').max(TRACES_MAX, `limit is at most ${TRACES_MAX}.`).default(TRACES_DEFAULT),
})

/** The search params as a plain object (a repeated key keeps its first value). */
export function queryOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of new URL(req.url).searchParams) if (!(k in out)) out[k] = v
  return out
}

export const NO_TELEMETRY = 'This session\'s cluster driver has no telemetry.'

/**
 * The session (owner, or staff watching) and its live driver, when the driver
 * has the telemetry capability and `method`; 404 JSON otherwise. Features are
 * chosen by capability, never by driver name.
 */
export async function telemetryDriver<K extends 'queryMetricRange' | 'traces' | 'lastLoadTest'>(user: SessionUser, id: string | undefined, method: K)
  : Promise<{ stored: StoredLabSession; driver: ClusterDriver & Required<Pick<ClusterDriver, K>> }> {
  const stored = await sessionForCaller(user, id, 'watch')
  const driver = await asApiErrors(() => getLabSessions().driverFor(stored.id))
  if (!driver.capabilities.telemetry || typeof driver[method] !== 'function') throw new ApiError('not_found', NO_TELEMETRY)
  return { stored, driver: driver as ClusterDriver & Required<Pick<ClusterDriver, K>> }
}
