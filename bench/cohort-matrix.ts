// Cohort console figures (issue 9 target: the matrix renders in under 1 s for 500 learners x 17 labs): seeds a cohort
// into in-memory PGlite and times the matrix page's data function (first page, filtered pages), the CSV export
// and one lab's statistics; where a production build exists, also the whole page over HTTP from the built server.
// Bundled and run by bench/run.ts.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { SESSION_COOKIE } from '../lib/auth/cookies'
import { createSession, type SessionUser } from '../lib/auth/sessions'
import { courseColumns } from '../lib/cohorts/course-columns'
import { labStats } from '../lib/cohorts/lab-stats'
import { matrixCsv } from '../lib/cohorts/matrix-csv'
import { fullMatrix, progressMatrix } from '../lib/cohorts/progress-matrix'
import { openPglite } from '../lib/db/pglite'
import type { PrismaClient } from '../prisma/generated/client'

const ROOT = process.argv[2] ?? process.cwd()
const LEARNERS = 500
const RUNS = 7
const TARGET_MS = 1000
const BATCH = 2000

/** A fixed-seed generator (mulberry32) so every run seeds the same cohort. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function insert<T>(rows: T[], create: (batch: NoInfer<T>[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await create(rows.slice(i, i + BATCH))
}

interface SeedAttempt {
  id: string; userId: string; labSlug: string; status: 'in_progress' | 'submitted' | 'graded'; startedAt: Date
  submittedAt?: Date; score?: number; maxScore?: number; overrideScore?: number | null
}

/** Per learner and lab: nothing (25%), in progress, submitted, or graded (half of these twice, some overridden). */
function attemptsFor(userId: string, labs: string[], random: () => number): SeedAttempt[] {
  const at = (min: number) => new Date(Date.UTC(2030, 0, 1) + min * 60_000)
  return labs.flatMap((labSlug): SeedAttempt[] => {
    const r = random()
    if (r < 0.25) return []
    if (r < 0.4) return [{ id: crypto.randomUUID(), userId, labSlug, status: 'in_progress' as const, startedAt: at(0) }]
    if (r < 0.5) return [{ id: crypto.randomUUID(), userId, labSlug, status: 'submitted' as const, startedAt: at(0), submittedAt: at(20) }]
    const graded = (score: number, start: number) => ({ id: crypto.randomUUID(), userId, labSlug, status: 'graded' as const, score, maxScore: 10, startedAt: at(start), submittedAt: at(start + 5 + Math.floor(random() * 60)), overrideScore: random() < 0.05 ? 10 : null })
    return r < 0.75 ? [graded(Math.floor(random() * 11), 0)] : [graded(Math.floor(random() * 8), 0), graded(10, 100)]
  })
}

async function seed(prisma: PrismaClient) {
  const random = rng(9)
  const columns = await courseColumns()
  const labs = columns.filter((c) => c.kind === 'lab').map((c) => c.slug)
  const modules = columns.filter((c) => c.kind === 'module').map((c) => c.slug)
  const admin = await prisma.user.create({ data: { email: 'admin@example.test', name: 'Admin', passwordHash: 'x', role: 'admin' } })
  const cohort = await prisma.cohort.create({ data: { name: 'Bench cohort', inviteCode: 'bench-cohort-invite' } })
  const users = Array.from({ length: LEARNERS }, (_, i) => ({ id: crypto.randomUUID(), email: `learner${i}@example.test`, name: `Learner ${String(i).padStart(3, '0')}`, passwordHash: 'x' }))
  await insert(users, (data) => prisma.user.createMany({ data }))
  await insert(users, (b) => prisma.membership.createMany({ data: b.map((u) => ({ cohortId: cohort.id, userId: u.id, role: 'learner' as const })) }))
  const attempts = users.flatMap((u) => attemptsFor(u.id, labs, random))
  await insert(attempts, (data) => prisma.attempt.createMany({ data }))
  const progress = users.flatMap((u) => modules.map((moduleSlug) => ({ userId: u.id, moduleSlug, status: (['not_started', 'in_progress', 'completed'] as const)[Math.floor(random() * 3)] })))
  await insert(progress, (data) => prisma.moduleProgress.createMany({ data }))
  const checks = attempts.filter((a) => a.status === 'graded').flatMap((a) => ['exists', 'weights', 'subsets'].map((checkId) => ({ attemptId: a.id, taskId: 'task-1', checkId, passed: random() < 0.6, message: '' })))
  await insert(checks, (data) => prisma.checkResult.createMany({ data }))
  const user: SessionUser = { id: admin.id, email: admin.email, name: admin.name, role: 'admin' }
  return { user, cohortId: cohort.id, labs, counts: { attempts: attempts.length, progress: progress.length, checks: checks.length } }
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
  }
  return out
}

function report(label: string, ms: number[], target?: number) {
  const s = [...ms].sort((a, b) => a - b)
  const med = s[Math.floor(s.length / 2)]!
  const verdict = target === undefined ? '' : `   target < ${target} ms ${med < target ? 'MET' : 'MISSED'}`
  console.log(`${label.padEnd(44)}${`${med.toFixed(0)} ms`.padEnd(11)}${s.map((x) => x.toFixed(0)).join(', ')}${verdict}`)
}

/** The built server (dist/server.mjs and .next), if `npm run build` has run; the bench never builds it. */
function hasBuild(): boolean {
  return existsSync(path.join(ROOT, 'dist/server.mjs')) && existsSync(path.join(ROOT, '.next/BUILD_ID'))
}

/** Starts the production server on the seeded data directory; resolves once /readyz answers. */
async function startBuiltServer(dataDir: string, port: number) {
  const child = spawn(process.execPath, ['dist/server.mjs'], {
    cwd: ROOT, stdio: 'ignore',
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'error', DATABASE_URL: '' },
  })
  const started = performance.now()
  while (!(await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || performance.now() - started > 60_000) throw new Error('the built server did not become ready')
    await new Promise((r) => setTimeout(r, 50))
  }
  return { stop: () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))) }
}

/** The matrix page as a browser gets it: server render of the whole HTML document, first page and a filtered page. */
async function httpFigures(dataDir: string, cohortId: string, cookie: string, firstLab: string) {
  const port = 35000 + Math.floor(Math.random() * 1000)
  const server = await startBuiltServer(dataDir, port)
  try {
    const get = (p: string) => async () => {
      const res = await fetch(`http://127.0.0.1:${port}${p}`, { headers: { cookie }, redirect: 'manual' })
      if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status}`)
      const body = await res.text()
      if (p.includes('/progress?') || p.endsWith('/progress')) {
        if (!body.includes('data-testid="progress-matrix"')) throw new Error(`${p}: no matrix in the page`)
      }
    }
    const page = `/instructor/cohorts/${cohortId}/progress`
    await get(page)()
    report('http: matrix page 1 (whole HTML)', await time(get(page)), TARGET_MS)
    report('http: matrix, graded in the first lab', await time(get(`${page}?state=graded&column=${firstLab}`)), TARGET_MS)
    report('http: CSV export', await time(get(`/api/cohorts/${cohortId}/progress.csv`)))
  } finally {
    await server.stop()
  }
}

async function main() {
  process.env.CONTENT_ROOT ??= ROOT
  process.env.LOG_LEVEL ??= 'silent'
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mesh-dojo-cohort-bench-'))
  // The server reads PGlite from <DATA_DIR>/pglite (lib/db/config.ts).
  const db = await openPglite(path.join(dataDir, 'pglite'), { migrationsDir: path.join(ROOT, 'prisma/migrations') })
  const t0 = performance.now()
  const { user, cohortId, labs, counts } = await seed(db.prisma)
  console.log(`cohort-matrix: seeded ${LEARNERS} learners x ${labs.length} labs (${counts.attempts} attempts, ${counts.progress} module rows, ${counts.checks} check results) in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const matrix = (q: Parameters<typeof progressMatrix>[3]) => () => progressMatrix(db.prisma, user, cohortId, q)
  report('matrix: first page (of all learners)', await time(matrix({ page: 1 })), TARGET_MS)
  report('matrix: page 5', await time(matrix({ page: 5 })), TARGET_MS)
  report('matrix: search "learner 1" page 2', await time(matrix({ q: 'learner 1', page: 2 })), TARGET_MS)
  report('matrix: graded in the first lab, page 2', await time(matrix({ state: 'graded', column: labs[0], page: 2 })), TARGET_MS)
  report('matrix: submitted anywhere, page 1', await time(matrix({ state: 'submitted', page: 1 })), TARGET_MS)
  let bytes = 0
  report('csv: whole matrix', await time(async () => {
    const { columns, rows } = await fullMatrix(db.prisma, user, cohortId, { page: 1 })
    bytes = matrixCsv(columns, rows).length
  }))
  console.log(`csv: ${(bytes / 1024).toFixed(0)} KiB for ${LEARNERS} learners`)
  report(`lab stats: ${labs[0]}`, await time(() => labStats(db.prisma, user, cohortId, labs[0]!)))
  const { token } = await createSession(db.prisma, user.id, {})
  await db.close()
  try {
    if (hasBuild()) await httpFigures(dataDir, cohortId, `${SESSION_COOKIE}=${token}`, labs[0]!)
    else console.log('http: skipped (no production build; `npm run build` first to time the whole page)')
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
