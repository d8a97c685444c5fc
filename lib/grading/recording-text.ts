// A stored terminal recording as one asciicast v2 text: the header line, then its chunks in order (size-capped).
import type { Prisma, PrismaClient } from '@/prisma/generated/client'
import { ApiError } from '@/lib/api/api-error'
import { AsciicastError, DEFAULT_RECORDING_MAX_BYTES, parseAsciicast } from '@/lab-engine/sessions/asciicast'
import { logger } from '@/lib/log'
import { commandTimeline, type TimelineCommand } from './command-timeline'

/** Largest recording served or parsed: the recorder's own cap plus room for a longer header. */
export const RECORDING_DOWNLOAD_MAX_BYTES = DEFAULT_RECORDING_MAX_BYTES + 64 * 1024

/**
 * An attempt's recordings: those linked to it, and those of its lab session not linked to any attempt. Submitting links the
 * session's recordings that exist then, but a recording is only created at the session's first (debounced) save, so a
 * learner who submits within seconds of typing leaves a recording the attempt would otherwise not know.
 */
export function attemptRecordings(attempt: { id: string; labSessionId: string | null }): Prisma.RecordingWhereInput {
  return attempt.labSessionId ? { OR: [{ attemptId: attempt.id }, { labSessionId: attempt.labSessionId, attemptId: null }] } : { attemptId: attempt.id }
}

/** The .cast text; 404 for a recording not of this attempt, 413 past the cap. */
export async function recordingText(prisma: PrismaClient, attemptId: string, recordingId: string): Promise<string> {
  const attempt = await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { id: true, labSessionId: true } })
  const rec = await prisma.recording.findFirst({ where: { AND: [{ id: recordingId }, attemptRecordings(attempt)] }, select: { header: true, sizeBytes: true } })
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

/** The commands typed in one of the attempt's recordings; an unreadable recording gives none (and is logged). */
export async function recordingTimeline(prisma: PrismaClient, attemptId: string, recordingId: string): Promise<TimelineCommand[]> {
  try {
    return commandTimeline(parseAsciicast(await recordingText(prisma, attemptId, recordingId)).events)
  } catch (err) {
    if (!(err instanceof AsciicastError) && !(err instanceof ApiError)) throw err
    logger.warn({ err, recordingId }, 'recording not readable for the command timeline')
    return []
  }
}
