// A stored terminal recording as one asciicast v2 text: the header line, then its chunks in order (size-capped).
import type { PrismaClient } from '@/prisma/generated/client'
import { ApiError } from '@/lib/api/api-error'
import { AsciicastError, DEFAULT_RECORDING_MAX_BYTES, parseAsciicast } from '@/lab-engine/sessions/asciicast'
import { logger } from '@/lib/log'
import { commandTimeline, type TimelineCommand } from './command-timeline'

/** Largest recording served or parsed: the recorder's own cap plus room for a longer header. */
export const RECORDING_DOWNLOAD_MAX_BYTES = DEFAULT_RECORDING_MAX_BYTES + 64 * 1024

/** The .cast text; 404 for a recording not of this attempt, 413 past the cap. */
export async function recordingText(prisma: PrismaClient, attemptId: string, recordingId: string): Promise<string> {
  const rec = await prisma.recording.findFirst({ where: { id: recordingId, attemptId }, select: { header: true, sizeBytes: true } })
  if (!rec) throw new ApiError('not_found', 'No such recording for this attempt.')
  if (rec.sizeBytes > RECORDING_DOWNLOAD_MAX_BYTES) throw new ApiError('payload_too_large', `This recording is larger than ${RECORDING_DOWNLOAD_MAX_BYTES} bytes.`)
  const chunks = await prisma.recordingChunk.findMany({ where: { recordingId }, orderBy: { seq: 'asc' }, select: { data: true } })
  const parts = [`${JSON.stringify(rec.header)}\n`]
  let size = Buffer.byteLength(parts[0]!)
  for (const c of chunks) {
    size += Buffer.byteLength(c.data)
    if (size > RECORDING_DOWNLOAD_MAX_BYTES) throw new ApiError('payload_too_large', `This recording is larger than ${RECORDING_DOWNLOAD_MAX_BYTES} bytes.`)
    parts.push(c.data)
  }
  return parts.join('')
}

/** The commands typed in one recording; an unreadable recording gives none (and is logged). */
export async function recordingTimeline(prisma: PrismaClient, recordingId: string): Promise<TimelineCommand[]> {
  const rec = await prisma.recording.findUnique({ where: { id: recordingId }, select: { attemptId: true } })
  if (!rec?.attemptId) return []
  try {
    return commandTimeline(parseAsciicast(await recordingText(prisma, rec.attemptId, recordingId)).events)
  } catch (err) {
    if (!(err instanceof AsciicastError) && !(err instanceof ApiError)) throw err
    logger.warn({ err, recordingId }, 'recording not readable for the command timeline')
    return []
  }
}
