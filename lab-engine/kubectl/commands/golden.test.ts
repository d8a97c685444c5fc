// Golden transcripts: testdata/<case>.sh runs in a fresh sim (seed 1); its transcript must equal testdata/<case>.out.
//
// Each .sh starts with `# source: <page>` naming the documentation or real
// transcript its expected shapes follow; the .out repeats that line. Run with
// UPDATE_GOLDEN=1 to rewrite .out files — then review the diff, never trust it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from './script.test-util'

const DIR = path.join(import.meta.dirname, 'testdata')
const UPDATE = process.env.UPDATE_GOLDEN === '1'

/** Cases not compared yet, each with its reason. */
const SKIP: Record<string, string> = {}

const cases = readdirSync(DIR).filter((f) => f.endsWith('.sh')).map((f) => f.slice(0, -3)).sort()

describe('golden kubectl transcripts', () => {
  it('has cases, each naming its source on the first line', () => {
    expect(cases.length).toBeGreaterThan(0)
    for (const c of cases) expect(readFileSync(path.join(DIR, `${c}.sh`), 'utf8')).toMatch(/^# source: \S+/)
  })

  for (const name of cases) {
    it.skipIf(name in SKIP)(name, async () => {
      const script = readFileSync(path.join(DIR, `${name}.sh`), 'utf8')
      const source = script.split('\n')[0]!
      const actual = `${source}\n${await run(script.split('\n').slice(1).join('\n'))}`
      const outPath = path.join(DIR, `${name}.out`)
      if (UPDATE) writeFileSync(outPath, actual)
      expect(actual).toBe(readFileSync(outPath, 'utf8'))
    })
  }
})
