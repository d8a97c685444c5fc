// Builds the lab session manager from the environment: the driver (LAB_DRIVER), limits (LAB_SESSION_*), the lab catalog, the database.
import type { HostTimers } from '@/lab-engine/core/clock'
import type { ClusterDriver, DriverName } from '@/lab-engine/drivers/cluster-driver'
import { createKindDriverFromEnv, createNodeCommandRunner, isKindAvailable, shutdownSharedKindHost } from '@/lab-engine/drivers/kind'
import { SimDriver } from '@/lab-engine/drivers/sim'
import { LabAttempts } from '@/lab-engine/sessions/lab-attempts'
import type { LabCatalog } from '@/lab-engine/sessions/lab-catalog'
import { labSessionConfigFromEnv } from '@/lab-engine/sessions/session-config'
import { LabSessionManager } from '@/lab-engine/sessions/session-manager'
import type { PrismaClient } from '@/prisma/generated/client'
import { logger } from '@/lib/log'
import { contentCatalog } from './content-catalog'
import type { LabEngine } from './engine'
import { prismaAttemptRepository } from './prisma-attempt-repository'
import { prismaSessionRepository } from './prisma-session-repository'

export const HOST_TIMERS: HostTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
}

export interface DriverChoice {
  name: DriverName
  create: () => ClusterDriver
  /** Releases what the driver holds process-wide (kind's cluster pool). */
  shutdown: () => Promise<void>
}

/** LAB_DRIVER: sim (default), kind, or auto (kind when Docker, kind, kubectl and istioctl answer, else sim). */
export async function driverFromEnv(env: Record<string, string | undefined>, host: HostTimers, repoRoot: string): Promise<DriverChoice> {
  const wanted = env.LAB_DRIVER?.trim() || 'sim'
  if (wanted !== 'sim' && wanted !== 'kind' && wanted !== 'auto') throw new Error(`LAB_DRIVER must be sim, kind or auto, not "${wanted}"`)
  const sim: DriverChoice = { name: 'sim', create: () => new SimDriver({ host }), shutdown: async () => {} }
  if (wanted === 'sim') return sim
  if (wanted === 'auto') {
    const check = await isKindAvailable(createNodeCommandRunner({ host }))
    if (!check.available) {
      logger.info({ reason: check.reason }, 'LAB_DRIVER=auto: kind is not available here; using the sim')
      return sim
    }
  }
  return { name: 'kind', create: () => createKindDriverFromEnv({ host, env, repoRoot }), shutdown: shutdownSharedKindHost }
}

export async function createLabEngine(opts: { prisma: PrismaClient; repoRoot: string; env?: Record<string, string | undefined>; host?: HostTimers; catalog?: LabCatalog }): Promise<LabEngine> {
  const env = opts.env ?? process.env
  const host = opts.host ?? HOST_TIMERS
  const driver = await driverFromEnv(env, host, opts.repoRoot)
  const catalog = opts.catalog ?? contentCatalog(opts.repoRoot)
  const attempts = prismaAttemptRepository(opts.prisma)
  const sessions = new LabSessionManager({
    repo: prismaSessionRepository(opts.prisma),
    attempts,
    catalog,
    config: labSessionConfigFromEnv(env),
    host,
    driverName: driver.name,
    createDriver: driver.create,
    onShutdown: driver.shutdown,
    log: logger,
  })
  return { sessions, attempts: new LabAttempts(sessions, attempts, catalog, () => host.now()) }
}
