// Where lab sessions and their recordings are kept: the database in the app (lib/lab-sessions), implemented outside the engine.
export type LabSessionState = 'starting' | 'running' | 'stopped' | 'expired' | 'failed'

export interface StoredLabSession {
  id: string
  userId: string
  labSlug: string
  driver: string
  state: LabSessionState
  createdAt: number
  lastActiveAt: number
  expiresAt: number | null
  endedAt: number | null
  notice: string | null
}

export type LabSessionPatch = Partial<Pick<StoredLabSession, 'state' | 'lastActiveAt' | 'expiresAt' | 'endedAt' | 'notice'>>

export interface SessionRepository {
  /** `atMs` is the manager's now: createdAt and lastActiveAt. */
  create(input: { userId: string; labSlug: string; driver: string; atMs: number; expiresAt: number }): Promise<StoredLabSession>
  get(id: string): Promise<StoredLabSession | null>
  /** Newest first; `active` limits to starting/running. */
  listByUser(userId: string, opts?: { active?: boolean; limit?: number }): Promise<StoredLabSession[]>
  update(id: string, patch: LabSessionPatch): Promise<void>
  saveSnapshot(id: string, text: string, atMs: number): Promise<void>
  loadSnapshot(id: string): Promise<string | null>
  /** A new recording for the session; returns its id. */
  createRecording(labSessionId: string, header: object): Promise<string>
  appendRecording(recordingId: string, chunk: { seq: number; data: string; durationMs: number; sizeBytes: number }): Promise<void>
}
