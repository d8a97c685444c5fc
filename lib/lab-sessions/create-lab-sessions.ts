// Builds the lab session manager from the environment: the driver (LAB_DRIVER), limits (LAB_SESSION_*), the lab catalog, the database.
import path from 'node:path'
import { sampleFiles } from '@/lab-engine/cli'
import type { HostTimers } from '@/lab-engine/core/clock'
import { SimDriver } from '@/lab-engine/drivers/sim'
import { playgroundLab, staticCatalog, type LabCatalog } from '@/lab-engine/sessions/lab-catalog'
import { labSessionConfigFromEnv } from '@/lab-engine/sessions/session-config'
import { LabSessionManager } from '@/lab-engine/sessions/session-manager'
import type { PrismaClient } from '@/prisma/generated/client'
import { logger } from '@/lib/log'
import { prismaSessionRepository } from './prisma-session-repository'

export const HOST_TIMERS: HostTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
}

/** The labs a session can start: the playground (with content/samples in the home directory) until the lab catalogue lands. */
export function defaultCatalog(repoRoot: string): LabCatalog {
  return staticCatalog([playgroundLab(sampleFiles(path.join(repoRoot, 'content/samples')))])
}

export function driverNameFromEnv(env: Record<string, string | undefined>): 'sim' {
  const name = env.LAB_DRIVER ?? 'sim'
  if (name === 'sim' || name === 'auto') return 'sim'
  if (name === 'kind') throw new Error('LAB_DRIVER=kind: the kind driver is not wired into the server yet; use sim')
  throw new Error(`LAB_DRIVER must be sim, kind or auto, not "${name}"`)
}

export function createLabSessions(opts: { prisma: PrismaClient; repoRoot: string; env?: Record<string, string | undefined>; host?: HostTimers; catalog?: LabCatalog }): LabSessionManager {
  const env = opts.env ?? process.env
  const host = opts.host ?? HOST_TIMERS
  return new LabSessionManager({
    repo: prismaSessionRepository(opts.prisma),
    catalog: opts.catalog ?? defaultCatalog(opts.repoRoot),
    config: labSessionConfigFromEnv(env),
    host,
    driverName: driverNameFromEnv(env),
    createDriver: () => new SimDriver({ host }),
    log: logger,
  })
}
