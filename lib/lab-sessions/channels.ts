// The lab session WebSockets: /ws/terminal/:id and /ws/events/:id. The owner types; staff who may watch attach read-only.
//
// Refusals before the upgrade are HTTP statuses (404 unknown, 403 foreign,
// 409 ended); a refusal discovered after it closes the socket with 44xx and
// the reason, so the browser can tell the learner.
import type { WebSocket } from 'ws'
import { isUuid } from '@/lib/api/ids'
import type { Principal } from '@/lib/auth/authenticate'
import { getPrisma } from '@/lib/db/global'
import { logger } from '@/lib/log'
import type { GuardedChannel } from '@/lib/server/websockets'
import { SessionError } from '@/lab-engine/sessions/session-error'
import type { LabSessionManager } from '@/lab-engine/sessions/session-manager'
import { holdMessages, type HeldMessages } from '@/lab-engine/server/held-messages'
import { sessionAccess, type SessionAccess } from './access'

const CLOSE_CODES: Record<SessionError['code'], number> = { not_found: 4404, ended: 4409, limit: 4409, failed: 1011, unavailable: 1013 }

async function accessTo(manager: LabSessionManager, principal: Principal, id: string): Promise<{ status: number; access: SessionAccess }> {
  if (!isUuid(id)) return { status: 404, access: 'none' }
  const stored = await manager.get(id)
  if (!stored) return { status: 404, access: 'none' }
  const access = await sessionAccess(getPrisma(), principal, stored)
  if (access === 'none') return { status: 403, access }
  if (stored.state !== 'running' && stored.state !== 'starting') return { status: 409, access }
  return { status: 101, access }
}

function closeWith(ws: WebSocket, err: unknown, id: string): void {
  if (err instanceof SessionError) return ws.close(CLOSE_CODES[err.code], err.message.slice(0, 120))
  logger.error({ err, session: id }, 'lab session socket failed')
  ws.close(1011, 'lab session failed')
}

type Attach = (id: string, ws: WebSocket, readOnly: boolean, held: HeldMessages) => Promise<void>

function channel(manager: LabSessionManager, attach: Attach): GuardedChannel {
  return {
    admit: async (principal, { id }) => (await accessTo(manager, principal, id ?? '')).status,
    handle: (ws, principal, _req, { id }) => {
      // Held from the first moment: a reconnecting browser sends its size and what was typed meanwhile at once.
      const held = holdMessages(ws)
      void (async () => {
        const { status, access } = await accessTo(manager, principal, id!)
        if (status !== 101) return ws.close(4000 + status, status === 403 ? 'forbidden' : 'not available')
        await attach(id!.toLowerCase(), ws, access !== 'owner', held)
      })().catch((err) => {
        held.dispose()
        closeWith(ws, err, id!)
      })
    },
  }
}

export function labSessionChannels(manager: LabSessionManager): Record<string, GuardedChannel> {
  return {
    '/ws/terminal/:id': channel(manager, (id, ws, readOnly, held) => manager.attachTerminal(id, ws, { readOnly, held })),
    '/ws/events/:id': channel(manager, (id, ws, _readOnly, held) => {
      held.dispose() // the events channel takes no input
      return manager.attachEvents(id, ws)
    }),
  }
}
