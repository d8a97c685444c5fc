// Path ids: anything that is not a UUID is simply not found.
import { ApiError } from './api-error'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string): boolean {
  return UUID.test(value)
}

export function requireId(value: string | undefined, what = 'resource'): string {
  if (!value || !isUuid(value)) throw new ApiError('not_found', `No such ${what}.`)
  return value.toLowerCase()
}
