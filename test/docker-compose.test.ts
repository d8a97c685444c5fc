// docker-compose.yml and the Dockerfile cannot run here (no Docker engine), so
// their structure is checked instead: services, wiring, health, persistence.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const ROOT = path.resolve(import.meta.dirname, '..')
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'))
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')

describe('docker-compose.yml (structure only: Docker cannot run on this machine)', () => {
  it('has exactly the app and postgres services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'postgres'])
  })

  it('builds the app from the repo Dockerfile and points it at the postgres service', () => {
    const app = compose.services.app
    expect(app.build).toBe('.')
    const url = new URL(app.environment.DATABASE_URL.replace('${POSTGRES_PASSWORD:-meshdojo}', 'pw'))
    expect(url.protocol).toBe('postgresql:')
    expect(url.hostname).toBe('postgres')
    expect(url.pathname).toBe(`/${compose.services.postgres.environment.POSTGRES_DB}`)
    expect(url.username).toBe(compose.services.postgres.environment.POSTGRES_USER)
    expect(app.depends_on.postgres.condition).toBe('service_healthy')
  })

  it('publishes the port the app listens on', () => {
    expect(compose.services.app.ports).toContain(`${compose.services.app.environment.PORT}:3000`)
    expect(dockerfile).toMatch(/EXPOSE 3000/)
  })

  it('keeps PostgreSQL data in a named volume and health-checks it', () => {
    const pg = compose.services.postgres
    expect(pg.image).toMatch(/^postgres:1[5-9]/)
    const [volume, target] = pg.volumes[0].split(':')
    expect(target).toBe('/var/lib/postgresql/data')
    expect(compose.volumes).toHaveProperty(volume)
    expect(pg.healthcheck.test.join(' ')).toContain('pg_isready')
  })

  it('gives the app longer than its 10 s shutdown to stop', () => {
    expect(parseInt(compose.services.app.stop_grace_period, 10)).toBeGreaterThan(10)
  })
})

describe('Dockerfile (structure only)', () => {
  it('installs from the lockfile, builds, and runs the bundled server.ts as a non-root user', () => {
    expect(dockerfile).toMatch(/RUN npm ci/)
    expect(dockerfile).toMatch(/npm run build/)
    expect(dockerfile).toMatch(/USER node/)
    expect(dockerfile).toMatch(/CMD \["node", "--enable-source-maps", "dist\/server.mjs"\]/)
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/readyz/)
  })

  it('uses a Node version Prisma 7 supports (20.19+)', () => {
    for (const [, major] of dockerfile.matchAll(/FROM node:(\d+)/g)) expect(Number(major)).toBeGreaterThanOrEqual(20)
  })
})
