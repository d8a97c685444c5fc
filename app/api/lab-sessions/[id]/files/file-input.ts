// The editor API's inputs: a path in the session's file system, a file's text, and what a driver's refusal means over HTTP.
import { z } from 'zod'
import { ApiError, type ApiErrorCode } from '@/lib/api/api-error'
import { HOME_DIR, MAX_FILE_BYTES, resolvePath } from '@/lab-engine/shell/vfs'
import { utf8Length } from '@/lab-engine/cluster/validation/manifest-limits'
import { DriverError } from '@/lab-engine/drivers/cluster-driver'

/** Longer than any path a learner types or `kubectl edit` makes; Linux's PATH_MAX is 4096. */
export const MAX_PATH_LENGTH = 1024
/** One file, as the session's file system allows it (the VFS refuses bigger files with EFBIG). */
export const MAX_FILE_TEXT_BYTES = MAX_FILE_BYTES
/** The JSON body around a file: a text of newlines doubles when escaped. */
export const MAX_FILE_BODY_BYTES = 2 * MAX_FILE_TEXT_BYTES + 16 * 1024

/**
 * The absolute path the driver will use, or null. Relative paths and `~/` are
 * under the learner's home, as in the terminal. `..` is resolved as the VFS
 * resolves it, except that climbing above `/` (where the VFS would silently
 * stop) is refused: no editor ever asks for that, only a trick does.
 */
export function sessionPath(raw: string): string | null {
  if (/[\u0000-\u001f\u007f]/.test(raw)) return null
  const expanded = raw === '~' || raw.startsWith('~/') ? HOME_DIR + raw.slice(1) : raw
  const full = expanded.startsWith('/') ? expanded : `${HOME_DIR}/${expanded}`
  let depth = 0
  for (const seg of full.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg !== '..') depth++
    else if (--depth < 0) return null
  }
  return depth === 0 ? null : resolvePath(HOME_DIR, raw)
}

export const filePath = z
  .string({ error: 'Name the file: path is required.' })
  .min(1, 'Name the file: path is required.')
  .max(MAX_PATH_LENGTH, `A path is at most ${MAX_PATH_LENGTH} characters.`)
  .transform((raw, ctx) => {
    const path = sessionPath(raw)
    if (path === null) ctx.addIssue({ code: 'custom', message: 'The path must name a file inside the session (no control characters, no climbing above /).' })
    return path ?? ''
  })

export const fileQuery = z.object({ path: filePath })

export const fileText = z.string({ error: 'text must be a string.' })

export const saveFileInput = z.object({ path: filePath, text: fileText })

export const applyInput = z.object({ text: fileText })

export function searchParamsOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams)
}

/** 413 for a file the session could not hold anyway. */
export function checkTextSize(text: string): void {
  if (utf8Length(text) > MAX_FILE_TEXT_BYTES) throw new ApiError('payload_too_large', `The file is larger than ${MAX_FILE_TEXT_BYTES} bytes.`)
}

const STATUS_OF: Record<DriverError['code'], ApiErrorCode> = {
  'not-found': 'not_found',
  invalid: 'bad_request',
  unsupported: 'bad_request',
  'not-started': 'conflict',
  timeout: 'unavailable',
  failed: 'unavailable',
}

/** Runs a driver call; its DriverErrors (no such file, disk full) become API errors with the driver's message. */
export async function asDriverErrors<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body()
  } catch (err) {
    if (err instanceof DriverError) throw new ApiError(STATUS_OF[err.code], err.message)
    throw err
  }
}
