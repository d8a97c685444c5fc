// The lab session repository on the app's database (Prisma): sessions, their snapshots and recordings.
import type { PrismaClient } from '@/prisma/generated/client'
import type { LabSessionPatch, SessionRepository, StoredLabSession } from '@/lab-engine/sessions/session-repository'

type Row = {
  id: string; userId: string; labSlug: string | null; driver: string; state: StoredLabSession['state']
  createdAt: Date; lastActiveAt: Date; expiresAt: Date | null; endedAt: Date | null; notice: string | null
}

const COLUMNS = { id: true, userId: true, labSlug: true, driver: true, state: true, createdAt: true, lastActiveAt: true, expiresAt: true, endedAt: true, notice: true } as const

function toStored(r: Row): StoredLabSession {
  return {
    id: r.id, userId: r.userId, labSlug: r.labSlug ?? '', driver: r.driver, state: r.state,
    createdAt: r.createdAt.getTime(), lastActiveAt: r.lastActiveAt.getTime(),
    expiresAt: r.expiresAt?.getTime() ?? null, endedAt: r.endedAt?.getTime() ?? null, notice: r.notice,
  }
}

const date = (ms: number | null | undefined) => (ms === undefined ? undefined : ms === null ? null : new Date(ms))

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function prismaSessionRepository(prisma: PrismaClient): SessionRepository {
  return {
    async create({ userId, labSlug, driver, atMs, expiresAt }) {
      const at = new Date(atMs)
      return toStored(await prisma.labSession.create({ data: { userId, labSlug, driver, state: 'starting', createdAt: at, lastActiveAt: at, expiresAt: new Date(expiresAt) }, select: COLUMNS }))
    },
    async get(id) {
      if (!UUID.test(id)) return null
      const row = await prisma.labSession.findUnique({ where: { id }, select: COLUMNS })
      return row ? toStored(row) : null
    },
    async listByUser(userId, opts = {}) {
      const rows = await prisma.labSession.findMany({
        where: { userId, ...(opts.active ? { state: { in: ['starting', 'running'] } } : {}) },
        orderBy: { createdAt: 'desc' },
        take: opts.limit ?? 100,
        select: COLUMNS,
      })
      return rows.map(toStored)
    },
    async update(id, patch: LabSessionPatch) {
      await prisma.labSession.update({
        where: { id },
        data: { state: patch.state, notice: patch.notice, lastActiveAt: date(patch.lastActiveAt) ?? undefined, expiresAt: date(patch.expiresAt), endedAt: date(patch.endedAt) },
      })
    },
    async saveSnapshot(id, text, atMs) {
      await prisma.labSession.update({ where: { id }, data: { snapshot: Buffer.from(text, 'utf8'), savedAt: new Date(atMs) } })
    },
    async loadSnapshot(id) {
      const row = await prisma.labSession.findUnique({ where: { id }, select: { snapshot: true } })
      return row?.snapshot ? Buffer.from(row.snapshot).toString('utf8') : null
    },
    async createRecording(labSessionId, header) {
      const rec = await prisma.recording.create({ data: { labSessionId, header: header as object }, select: { id: true } })
      return rec.id
    },
    async appendRecording(recordingId, { seq, data, durationMs, sizeBytes }) {
      await prisma.$transaction([
        prisma.recordingChunk.create({ data: { recordingId, seq, data } }),
        prisma.recording.update({ where: { id: recordingId }, data: { durationMs, sizeBytes } }),
      ])
    },
  }
}
