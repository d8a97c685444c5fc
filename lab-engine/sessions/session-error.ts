// SessionError: what the session manager refuses, with a message for the learner; the API maps codes to statuses.
export type SessionErrorCode = 'not_found' | 'limit' | 'ended' | 'failed' | 'unavailable'

export class SessionError extends Error {
  override name = 'SessionError'
  constructor(
    readonly code: SessionErrorCode,
    message: string,
  ) {
    super(message)
  }
}
