// Boundary: lab-engine stays free of the web app and of ambient time and randomness.
//
// DESIGN.md: lab-engine must not import from app/ (nor Next or React); STYLE.md:
// time and randomness are injected (a Clock and a seeded Rng per session).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = import.meta.dirname

const IMPORT_PATTERNS = [
  /\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
]

const FORBIDDEN_PACKAGES = [/^app\//, /^lib\//, /^@\/app(\/|$)/, /^@\/lib(\/|$)/, /^@\//, /^next(\/|$)/, /^react(-dom)?(\/|$)/]

const AMBIENT = [
  { re: /\bDate\.now\s*\(/, what: 'Date.now() (use the session Clock)' },
  { re: /\bnew\s+Date\s*\(\s*\)/, what: 'new Date() without arguments (use the session Clock)' },
  { re: /\bMath\.random\s*\(/, what: 'Math.random() (use the session Rng)' },
]

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return []
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return tsFiles(full)
    return e.name.endsWith('.ts') ? [full] : []
  })
}

/** Drops a line's // comment and block-comment lines so prose never trips the scan. */
function codeOf(line: string): string {
  const t = line.trim()
  if (t.startsWith('//') || t.startsWith('*') || t.startsWith('/*')) return ''
  return line.replace(/\s\/\/\s.*$/, '')
}

function importProblem(file: string, spec: string): string | null {
  if (FORBIDDEN_PACKAGES.some((re) => re.test(spec))) return `imports "${spec}" (the engine must not depend on the web app)`
  if (spec.startsWith('.')) {
    const target = path.resolve(path.dirname(file), spec)
    if (path.relative(ROOT, target).startsWith('..')) return `imports "${spec}", outside lab-engine`
  }
  return null
}

/** Every boundary problem in one file's text, as "path:line: problem". */
function scanSource(file: string, text: string): string[] {
  const isTest = file.endsWith('.test.ts')
  const rel = path.relative(ROOT, file)
  const problems: string[] = []
  text.split('\n').forEach((line, i) => {
    const code = codeOf(line)
    for (const re of IMPORT_PATTERNS) {
      for (const m of code.matchAll(re)) {
        const p = importProblem(file, m[1]!)
        if (p) problems.push(`${rel}:${i + 1}: ${p}`)
      }
    }
    if (isTest) return
    for (const { re, what } of AMBIENT) if (re.test(code)) problems.push(`${rel}:${i + 1}: uses ${what}`)
  })
  return problems
}

describe('lab-engine boundary', () => {
  it('has no file that imports the app, Next, React or outside lab-engine, or reads ambient time or randomness', () => {
    const problems = tsFiles(ROOT).flatMap((f) => scanSource(f, readFileSync(f, 'utf8')))
    expect(problems).toEqual([])
  })

  it('catches each kind of violation (the scanner itself works)', () => {
    const src = path.join(ROOT, 'cluster', 'x.ts')
    // Quotes are spliced in so this file's own text never matches the scan.
    const q = (spec: string) => `'${spec}'`
    const bad = [
      `import { db } from ${q('@/lib/db')}`,
      `import type { X } from ${q('app/page')}`,
      `import { useState } from ${q('react')}`,
      `import x from ${q('next/server')}`,
      `import { y } from ${q('../../lib/db')}`,
      `const m = await import(${q('../../app/x')})`,
      'const t = Date.now()',
      'const d = new Date()',
      'const r = Math.random()',
    ].join('\n')
    const found = scanSource(src, bad)
    expect(found).toHaveLength(9)
    expect(found[0]).toMatch(/^cluster\/x\.ts:1: /)
    const ok = [`import { Clock } from ${q('../core/clock')}`, 'import {', '  a,', `} from ${q('./local')}`,
      'const d = new Date(ms)', '// Date.now() is banned'].join('\n')
    expect(scanSource(src, ok)).toEqual([])
    expect(scanSource(path.join(ROOT, 'cluster', 'x.test.ts'), bad.split('\n').slice(6).join('\n'))).toEqual([])
  })
})
