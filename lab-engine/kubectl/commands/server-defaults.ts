// Server-side defaults kubectl's requests rely on: a new Pod reads `Pending` before the scheduler touches it.
//
// The API server's Pod strategy (PrepareForCreate) sets status.phase Pending;
// the store does not yet, so kubectl's create paths add it.
// TODO(cluster): move into the store's create path so every client gets it.

import type { ObjectInput } from '../../cluster/types'

export function withServerDefaults(obj: ObjectInput): ObjectInput {
  if (obj.kind !== 'Pod' || obj.apiVersion !== 'v1') return obj
  const status = (obj.status ?? {}) as Record<string, unknown>
  if (status.phase) return obj
  return { ...obj, status: { ...status, phase: 'Pending' } }
}
