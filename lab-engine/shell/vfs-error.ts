// VfsError: file-system failures carrying the errno text coreutils prints (`cat: x: No such file or directory`).

export type VfsErrorCode = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EFBIG' | 'ENOSPC' | 'EINVAL'

/** strerror(3) wording on glibc, as coreutils shows it. */
const STRERROR: Record<VfsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EFBIG: 'File too large',
  ENOSPC: 'No space left on device',
  EINVAL: 'Invalid argument',
}

export class VfsError extends Error {
  constructor(readonly code: VfsErrorCode, readonly path: string) {
    super(STRERROR[code])
  }
}

/** `tool: path: reason`, the shape every coreutils diagnostic takes. */
export function describeError(tool: string, operand: string, err: unknown): string {
  if (err instanceof VfsError) return `${tool}: ${operand}: ${err.message}`
  throw err
}
