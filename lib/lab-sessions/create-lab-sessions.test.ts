import { describe, expect, it } from 'vitest'
import { driverFromEnv, HOST_TIMERS } from './create-lab-sessions'

describe('driverFromEnv', () => {
  it('uses the sim by default and for LAB_DRIVER=sim', async () => {
    expect((await driverFromEnv({}, HOST_TIMERS, '/repo')).name).toBe('sim')
    const sim = await driverFromEnv({ LAB_DRIVER: 'sim' }, HOST_TIMERS, '/repo')
    expect(sim.create().capabilities).toEqual({ decisionTrace: true, virtualTime: true, snapshots: true, telemetry: true })
  })

  it('chooses kind for LAB_DRIVER=kind without touching Docker until a session starts', async () => {
    const kind = await driverFromEnv({ LAB_DRIVER: 'kind' }, HOST_TIMERS, '/repo')
    expect(kind.name).toBe('kind')
    expect(kind.create().capabilities).toEqual({ decisionTrace: false, virtualTime: false, snapshots: false, telemetry: false })
    await kind.shutdown()
  })

  it('refuses an unknown driver name', async () => {
    await expect(driverFromEnv({ LAB_DRIVER: 'docker' }, HOST_TIMERS, '/repo')).rejects.toThrow('LAB_DRIVER must be sim, kind or auto, not "docker"')
  })
})
