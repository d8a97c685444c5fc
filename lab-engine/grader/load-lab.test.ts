import { describe, expect, it } from 'vitest'
import { labJsonSchema } from './lab-schema'
import { loadLab } from './load-lab'

const GOOD = `title: T
summary: S
module: 01-kubernetes-foundations
estimatedMinutes: 10
difficulty: beginner
tasks:
  - id: one
    title: One
    instructions: Do it
    solution: kubectl create namespace shop
    checks:
      - kind: resource
        message: Create the shop namespace.
        resource: { kind: Namespace, name: shop }
        expect: exists
`

describe('loadLab', () => {
  it('accepts a valid lab with defaults filled in and a content hash', () => {
    const loaded = loadLab(GOOD)
    expect(loaded.ok).toBe(true)
    if (!loaded.ok) return
    expect(loaded.lab.tasks[0]).toMatchObject({ points: 10, hints: [], alternatives: [] })
    expect(loaded.lab.drivers).toEqual(['sim', 'kind'])
    expect(loaded.contentHash).toMatch(/^[0-9a-f]{16}$/)
  })

  it.each([
    ['a bad module', GOOD.replace('01-kubernetes-foundations', '99-nothing'), 3, /^module: Invalid option/],
    ['a check of unknown kind', GOOD.replace('kind: resource', 'kind: telepathy'), 12, /^tasks\.0\.checks\.0\.kind: /],
    ['a bad regex', GOOD.replace('expect: exists', "expect: { jsonPath: '$.x', matches: '(' }"), 15, /not a valid regular expression/],
    ['duplicate keys', GOOD.replace('summary: S', 'summary: S\nsummary: again'), 3, /Map keys must be unique/],
    ['a missing solution', GOOD.replace('    solution: kubectl create namespace shop\n', ''), 7, /^tasks\.0\.solution: /],
  ])('names the line and the problem for %s', (_name, text, line, message) => {
    const loaded = loadLab(text, 'labs/x/lab.yaml')
    expect(loaded.ok).toBe(false)
    if (loaded.ok) return
    expect(loaded.problems[0]).toMatchObject({ file: 'labs/x/lab.yaml', line })
    expect(loaded.problems[0]!.message).toMatch(message)
  })

  it('exports a JSON schema that names the check kinds', () => {
    const text = JSON.stringify(labJsonSchema())
    for (const kind of ['resource', 'exec', 'http', 'distribution', 'latency', 'metric', 'all', 'any']) expect(text).toContain(`"const":"${kind}"`)
  })
})

describe('content/lab.schema.json', () => {
  it('is the current lab schema (regenerate: npm run labs:check -- --write-schema)', async () => {
    const { readFileSync } = await import('node:fs')
    const path = await import('node:path')
    const file = path.resolve(import.meta.dirname, '../../content/lab.schema.json')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(labJsonSchema())
  })
})
