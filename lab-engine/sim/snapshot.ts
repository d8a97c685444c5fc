// Sim snapshot: a session's state as JSON, so a learner's pods, files and history survive a server restart.
//
// DESIGN.md "Drivers": `{ schemaVersion, objects, vfs, env, history, clock,
// timers, rng }`, size-capped. Timer callbacks are code, so only their records
// are kept (clock.timers); the controllers are level-triggered and re-arm from
// the restored objects. Container file systems and the data plane's live state
// (open connections, outlier ejections, telemetry) are not kept: a restart is
// like Envoy restarting, counters start again.
import { z } from 'zod'
import type { ClockState } from '../core/clock'
import type { RngState } from '../core/rng'
import type { StoreState } from '../cluster/store'
import type { ShellStateJson } from '../shell/state'
import type { VfsJson } from '../shell/vfs'

/** Bump when a field changes meaning; older snapshots are then refused (the session resets to its lab's setup). */
export const SIM_SNAPSHOT_SCHEMA_VERSION = 1

/** Serialised size past which a snapshot is refused rather than stored. */
export const MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024

export interface SimSnapshot {
  schemaVersion: typeof SIM_SNAPSHOT_SCHEMA_VERSION
  seed: number | string
  objects: StoreState
  vfs: VfsJson
  env: Omit<ShellStateJson, 'history'>
  history: string[]
  clock: { now: number; seq: number }
  timers: ClockState['timers']
  rng: RngState
}

const finite = z.number().finite()

/** Shape check of a stored snapshot; objects and files are the engine's own JSON and are checked when loaded. */
const snapshotSchema = z.object({
  schemaVersion: z.literal(SIM_SNAPSHOT_SCHEMA_VERSION),
  seed: z.union([finite, z.string()]),
  objects: z.object({ resourceVersion: z.number().int().nonnegative(), objects: z.array(z.looseObject({ apiVersion: z.string(), kind: z.string(), metadata: z.looseObject({ name: z.string() }) })) }),
  vfs: z.looseObject({ version: z.literal(1), root: z.looseObject({ type: z.literal('dir') }) }),
  env: z.object({ vars: z.record(z.string(), z.string()), exported: z.array(z.string()), cwd: z.string(), lastStatus: z.number().int() }),
  history: z.array(z.string()),
  clock: z.object({ now: finite, seq: z.number().int().nonnegative() }),
  timers: z.array(z.object({ at: finite, seq: z.number().int(), label: z.string().optional() })),
  rng: z.object({ a: finite, b: finite, c: finite, d: finite }),
})

export class SnapshotError extends Error {
  override name = 'SnapshotError'
}

/** The snapshot as stored text; refuses one past MAX_SNAPSHOT_BYTES. */
export function encodeSnapshot(snapshot: SimSnapshot): string {
  const text = JSON.stringify(snapshot)
  const bytes = Buffer.byteLength(text)
  if (bytes > MAX_SNAPSHOT_BYTES) throw new SnapshotError(`session state is ${bytes} bytes, over the ${MAX_SNAPSHOT_BYTES}-byte snapshot limit`)
  return text
}

/** Reads stored text back; throws SnapshotError for corrupt text, an unknown schema version or a wrong shape. */
export function decodeSnapshot(text: string): SimSnapshot {
  if (Buffer.byteLength(text) > MAX_SNAPSHOT_BYTES) throw new SnapshotError('snapshot is over the size limit')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new SnapshotError('snapshot is not valid JSON')
  }
  return checkSnapshot(json)
}

/** Checks parsed JSON is a snapshot of this schema version; throws SnapshotError otherwise. */
export function checkSnapshot(json: unknown): SimSnapshot {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion
  if (version !== SIM_SNAPSHOT_SCHEMA_VERSION) throw new SnapshotError(`snapshot schema version ${String(version)} is not ${SIM_SNAPSHOT_SCHEMA_VERSION}`)
  const parsed = snapshotSchema.safeParse(json)
  if (!parsed.success) throw new SnapshotError(`snapshot has the wrong shape: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim())
  return parsed.data as unknown as SimSnapshot
}
