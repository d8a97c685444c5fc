// Browser preview grants: an unguessable token naming one lab session and one origin inside it (the ingress or a port-forward).
//
// The preview's pages are learner-controlled HTML, so they are served under
// /preview/<token>/ in a sandbox without same-origin (see preview-response.ts):
// they cannot read our cookies or call our API as the learner. The token is the
// capability: it is handed out only by POST /api/lab-sessions/:id/preview after
// the session and role checks, and the preview route needs no cookie.
import { randomBytes } from 'node:crypto'

export const PREVIEW_GRANT_TTL_MS = 30 * 60_000
/** Grants kept at once per server; the oldest go first. */
export const MAX_PREVIEW_GRANTS = 2_000

export interface PreviewGrant {
  sessionId: string
  /** `http://host:port` the preview's paths are requested from. */
  origin: string
  expiresAtMs: number
  /**
   * The last page shown through this grant: the Referer a browser would send for a form
   * posted from it (preview pages send none of their own: they live in an opaque origin).
   */
  lastPage?: string
}

export class PreviewGrants {
  private readonly grants = new Map<string, PreviewGrant>()

  constructor(private readonly now: () => number = Date.now) {}

  grant(sessionId: string, origin: string): string {
    const token = randomBytes(24).toString('base64url')
    this.grants.set(token, { sessionId, origin, expiresAtMs: this.now() + PREVIEW_GRANT_TTL_MS })
    while (this.grants.size > MAX_PREVIEW_GRANTS) this.grants.delete(this.grants.keys().next().value!)
    return token
  }

  /** The live grant behind a token, or null (unknown, malformed or expired). */
  lookup(token: string): PreviewGrant | null {
    const grant = this.grants.get(token)
    if (!grant) return null
    if (grant.expiresAtMs <= this.now()) {
      this.grants.delete(token)
      return null
    }
    return grant
  }
}

const globalGrants = globalThis as unknown as { __meshDojoPreviewGrants?: PreviewGrants }

/** The server's grants (one process: the API route and the preview route share them). */
export function previewGrants(): PreviewGrants {
  return (globalGrants.__meshDojoPreviewGrants ??= new PreviewGrants())
}
