// Lab session limits: how long a session may idle or last, how many a learner and the host may run.
import { z } from 'zod'

const MINUTE = 60_000

export const labSessionConfigSchema = z.object({
  /** No input for this long ends the session (its state is kept: starting again resumes it). */
  idleTimeoutMs: z.number().int().min(MINUTE).default(30 * MINUTE),
  /** A session's first deadline after it starts. */
  durationMs: z.number().int().min(MINUTE).default(2 * 60 * MINUTE),
  /** extend never moves the deadline past start + this. */
  maxDurationMs: z.number().int().min(MINUTE).default(4 * 60 * MINUTE),
  /** How far each extend moves the deadline. */
  extendByMs: z.number().int().min(MINUTE).default(30 * MINUTE),
  /** The learner is warned this long before the deadline or the idle timeout. */
  warnBeforeMs: z.number().int().min(0).default(5 * MINUTE),
  /** Running sessions per learner. */
  perUserLimit: z.number().int().min(1).default(2),
  /** Running sessions on this host; past it learners queue for a seat. */
  capacity: z.number().int().min(1).default(500),
  /** A queued learner who stops asking loses their place after this. */
  queueTtlMs: z.number().int().min(1_000).default(60_000),
  /** Changes are saved at most this often per session. */
  snapshotDebounceMs: z.number().int().min(0).default(2_000),
})

export type LabSessionConfig = z.infer<typeof labSessionConfigSchema>

/** LAB_SESSION_* environment variables (minutes for durations), validated; a bad value names the variable. */
export function labSessionConfigFromEnv(env: Record<string, string | undefined>): LabSessionConfig {
  const minutes = (name: string) => (env[name] === undefined ? undefined : Number(env[name]) * MINUTE)
  const count = (name: string) => (env[name] === undefined ? undefined : Number(env[name]))
  const parsed = labSessionConfigSchema.safeParse({
    idleTimeoutMs: minutes('LAB_SESSION_IDLE_MINUTES'),
    durationMs: minutes('LAB_SESSION_MINUTES'),
    maxDurationMs: minutes('LAB_SESSION_MAX_MINUTES'),
    perUserLimit: count('LAB_SESSIONS_PER_USER'),
    capacity: count('LAB_SESSION_CAPACITY'),
  })
  if (!parsed.success) {
    const names: Record<string, string> = { idleTimeoutMs: 'LAB_SESSION_IDLE_MINUTES', durationMs: 'LAB_SESSION_MINUTES', maxDurationMs: 'LAB_SESSION_MAX_MINUTES', perUserLimit: 'LAB_SESSIONS_PER_USER', capacity: 'LAB_SESSION_CAPACITY' }
    const issue = parsed.error.issues[0]!
    throw new Error(`${names[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`)
  }
  return parsed.data
}
