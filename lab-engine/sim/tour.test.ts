// The 40-statement tour (testdata/tour.sh) through the same runScript() that `npm run sim` uses,
// compared with its reviewed expected output (testdata/tour.out). UPDATE_GOLDEN=1 rewrites the
// expected file; review the diff before committing it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatResults, sampleFiles } from '../cli'
import { runScript } from './session'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SCRIPT = path.join(import.meta.dirname, 'testdata/tour.sh')
const EXPECTED = path.join(import.meta.dirname, 'testdata/tour.out')

describe('the sim tour script', () => {
  it('has 40 top-level statements and prints the reviewed output', async () => {
    const results = await runScript(readFileSync(SCRIPT, 'utf8'), { seed: 1, files: sampleFiles(path.join(ROOT, 'content/samples')) })
    const text = formatResults(results, false)
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(EXPECTED)) writeFileSync(EXPECTED, text)
    expect(text).toBe(readFileSync(EXPECTED, 'utf8'))
    expect(results).toHaveLength(40)
  })

  it('prints byte-identical output for the same seed', async () => {
    const script = readFileSync(SCRIPT, 'utf8')
    const [a, b] = await Promise.all([runScript(script, { seed: 9 }), runScript(script, { seed: 9 })])
    expect(formatResults(b, true)).toBe(formatResults(a, true))
  })
})
