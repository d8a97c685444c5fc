// API errors: the store's refusals, carrying the reason and wording a real API server uses.
//
// Reasons follow metav1.StatusReason (kubernetes.io/docs/reference/using-api/api-concepts/);
// kubectl prints server errors as `Error from server (Reason): message`.

import type { KindInfo } from './kinds'

export type ApiErrorReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'Forbidden' | 'BadRequest' | 'NoMatch'

export class ApiError extends Error {
  override name = 'ApiError'
  constructor(readonly reason: ApiErrorReason, message: string) {
    super(message)
  }

  /** The line kubectl prints for this error. */
  kubectlMessage(): string {
    if (this.reason === 'Invalid') return this.message
    if (this.reason === 'NoMatch') return `error: ${this.message}`
    return `Error from server (${this.reason}): ${this.message}`
  }
}

/** "pods", or "deployments.apps" for kinds outside the core group, as server messages name them. */
export function resourceName(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural
}

export function notFound(info: KindInfo, name: string): ApiError {
  return new ApiError('NotFound', `${resourceName(info)} "${name}" not found`)
}

export function alreadyExists(info: KindInfo, name: string): ApiError {
  return new ApiError('AlreadyExists', `${resourceName(info)} "${name}" already exists`)
}

/** Optimistic concurrency: a stale resourceVersion on update. */
export function conflict(info: KindInfo, name: string): ApiError {
  return new ApiError('Conflict', `Operation cannot be fulfilled on ${resourceName(info)} "${name}": the object has been modified; please apply your changes to the latest version and try again`)
}

/** `The Pod "x" is invalid: field: detail`, as kubectl prints validation failures. */
export function invalid(kind: string, name: string, detail: string): ApiError {
  return new ApiError('Invalid', `The ${kind} "${name}" is invalid: ${detail}`)
}

export function forbidden(message: string): ApiError {
  return new ApiError('Forbidden', message)
}
