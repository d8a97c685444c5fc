// The honesty gate over every lab in content/modules (issue 6): untouched fails, solutions pass in order, alternatives pass.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sampleFiles } from '../cli'
import { runHonestyGate } from './honesty-gate'
import { findLabFiles, readLab } from './lab-files'

const ROOT = path.resolve(import.meta.dirname, '../..')

const samples = sampleFiles(path.join(ROOT, 'content/samples'))

describe('honesty gate', () => {
  it('finds the labs', () => {
    expect(findLabFiles(ROOT).length).toBeGreaterThan(0)
  })

  it.each(findLabFiles(ROOT).map((l) => [l.name, l] as const))('%s', { timeout: 120_000 }, async (_name, lab) => {
    const loaded = readLab(ROOT, lab)
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'))
    const report = await runHonestyGate(loaded.lab, samples)
    expect(report.problems).toEqual([])
  })
})
