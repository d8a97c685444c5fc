// The course as shipped: content:check is clean, and every module's runnable blocks run on a fresh playground, in order,
// each ending with its declared exit status (kind-only blocks are listed, not run).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sampleFiles } from '@/lab-engine/cli'
import { SimDriver } from '@/lab-engine/drivers/sim'
import { MODULE_SLUGS } from '@/lab-engine/grader/lab-schema'
import { checkContent } from './check-content'
import { parseDocument } from './parse-module'
import { runBlocks, runModuleBlocks } from './run-blocks'

const ROOT = path.resolve(import.meta.dirname, '../..')
const samples = sampleFiles(path.join(ROOT, 'content/samples'))

describe('course content', () => {
  it('passes content:check', () => {
    const report = checkContent(ROOT)
    expect(report.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([])
    expect(report.modules).toBe(MODULE_SLUGS.length)
  })

  it.each(MODULE_SLUGS.map((s) => [s]))('%s: runnable blocks run on the sim with their declared exit status', { timeout: 300_000 }, async (slug) => {
    const file = path.join(ROOT, 'content/modules', slug, 'module.md')
    const blocks = runBlocks(parseDocument(readFileSync(file, 'utf8'), file))
    expect(blocks.length).toBeGreaterThan(0)
    const kindOnly = blocks.filter((b) => b.kindOnly)
    if (kindOnly.length) console.info(`${slug}: kind-only blocks not run on the sim: lines ${kindOnly.map((b) => b.line).join(', ')}`)
    const driver = new SimDriver()
    await driver.start({ files: samples, mode: 'grading' })
    try {
      const failures = await runModuleBlocks(blocks, driver)
      expect(failures.map((f) => `line ${f.line}: expected exit ${f.expected}, got ${f.got}\n${f.code}\n--- output ---\n${f.output}`)).toEqual([])
    } finally {
      await driver.stop()
    }
  })
})
