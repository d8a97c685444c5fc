// Instructors' lab preview: a broken lab.yaml still shows its problems, and the honesty gate runs on demand (staff only, one at a time).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as verifyRoute from '@/app/api/labs/[slug]/verify/route'
import * as signUp from '@/app/api/auth/sign-up/route'
import { labPreview } from '@/lib/content/lab-preview'
import { openDatabase, type Database } from '@/lib/db/database'
import { setDatabase } from '@/lib/db/global'
import { call, sessionFrom } from './api-client'

let db: Database
let tree = ''
const tokens: Record<string, string> = {}
const LAB_DIR = 'content/modules/03-traffic-management/labs/request-routing'

beforeAll(async () => {
  // A copy of the content tree where one lab is broken, as an author's working tree might be.
  tree = mkdtempSync(path.join(tmpdir(), 'lab-preview-'))
  cpSync(path.join(process.cwd(), 'content'), path.join(tree, 'content'), { recursive: true })
  const broken = path.join(tree, 'content/modules/03-traffic-management/labs/fault-injection/lab.yaml')
  writeFileSync(broken, 'title: Broken\nsummary: x\ntasks: [\n')
  process.env.CONTENT_ROOT = tree
  db = await openDatabase({ dataDir: 'memory://' })
  setDatabase(db)
  for (const [name, role] of [['ivy', 'instructor'], ['lou', 'learner']] as const) {
    const res = await call(signUp.POST, { body: { email: `${name}@example.test`, name, password: 'a long enough password' }, ip: `198.51.100.${name.length}` })
    tokens[name] = sessionFrom(res.headers)
    await db.prisma.user.update({ where: { email: `${name}@example.test` }, data: { role } })
  }
}, 60_000)

afterAll(async () => {
  delete process.env.CONTENT_ROOT
  await db?.close()
  rmSync(tree, { recursive: true, force: true })
})

describe('lab preview', () => {
  it('loads a valid lab with its file path and no problems', () => {
    const p = labPreview('request-routing')!
    expect(p.file).toBe(`${LAB_DIR}/lab.yaml`)
    expect(p.lab?.tasks.length).toBeGreaterThan(0)
    expect(p.problems).toEqual([])
  })

  it('keeps a broken lab visible to authors, with the line of each problem', () => {
    const p = labPreview('fault-injection')!
    expect(p.lab).toBeNull()
    expect(p.problems[0]).toMatchObject({ line: expect.any(Number), message: expect.any(String) })
  })

  it('returns null for a lab that does not exist', () => {
    expect(labPreview('no-such-lab')).toBeNull()
  })
})

describe('POST /api/labs/:slug/verify', () => {
  it('runs the honesty gate and reports an honest lab', async () => {
    const res = await call(verifyRoute.POST, { session: tokens.ivy, params: { slug: 'request-routing' } })
    expect(res.status).toBe(200)
    expect(res.json.verification).toMatchObject({ passed: true, problems: [] })
    expect(res.json.verification.gradings).toBeGreaterThan(2)
  }, 60_000)

  it('reports a vacuous check: a lab whose solution is already in its setup', async () => {
    const file = path.join(tree, LAB_DIR, 'lab.yaml')
    const { readFileSync } = await import('node:fs')
    const text = readFileSync(file, 'utf8')
    writeFileSync(file, text.replace('--all --timeout=300s\n', '--all --timeout=300s\n  kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml\n  kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml\n'))
    try {
      const res = await call(verifyRoute.POST, { session: tokens.ivy, params: { slug: 'request-routing' } })
      expect(res.json.verification.passed).toBe(false)
      expect(res.json.verification.problems).toContainEqual(expect.objectContaining({ stage: 'untouched', taskId: 'all-v1' }))
    } finally {
      writeFileSync(file, text)
    }
  }, 60_000)

  it.each([
    ['a learner', 'lou', 'request-routing', 403],
    ['no session', null, 'request-routing', 401],
    ['an unknown lab', 'ivy', 'no-such-lab', 404],
    ['a malformed slug', 'ivy', '../etc', 404],
    ['a lab that does not load', 'ivy', 'fault-injection', 400],
  ])('refuses %s with a JSON error', async (_name, who, slug, status) => {
    const res = await call(verifyRoute.POST, { session: who ? tokens[who]! : null, params: { slug } })
    expect(res.status).toBe(status)
    expect(res.json.error.message).toEqual(expect.any(String))
  })

  it('runs one gate at a time', async () => {
    const [a, b] = await Promise.all([
      call(verifyRoute.POST, { session: tokens.ivy, params: { slug: 'request-routing' } }),
      call(verifyRoute.POST, { session: tokens.ivy, params: { slug: 'request-routing' } }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
  }, 60_000)
})
