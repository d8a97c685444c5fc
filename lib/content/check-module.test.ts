// content:check on single modules: each kind of mistake is named with its line.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkModule } from './check-module'

const ROOT = path.resolve(import.meta.dirname, '../..')
const ctx = { repoRoot: ROOT, labsOnDisk: ['request-routing'], allLabs: new Set(['request-routing']) }
const FRONT = `---
title: Traffic
summary: Routing.
order: 3
objectives: [a, b, c]
estimatedMinutes: 60
labs: [request-routing]
---
`
const quiz = (id: string) => `:::quiz{id="${id}"}
\`\`\`yaml
question: Which rule wins?
choices:
  - { text: The first, correct: true, explain: Order decides. }
  - { text: The longest, explain: No ranking by specificity. }
\`\`\`
:::
`
const prose = 'word '.repeat(2_000)
const good = FRONT + prose + '\n\n' + [1, 2, 3, 4, 5].map((i) => quiz(`q${i}`)).join('\n')

function problems(text: string): string[] {
  return checkModule(text, 'm.md', ctx).problems.map((p) => `${p.line}: ${p.message}`)
}

describe('checkModule', () => {
  it('accepts a complete module', () => {
    expect(problems(good)).toEqual([])
  })

  it.each([
    ['a missing frontmatter field', good.replace('estimatedMinutes: 60\n', ''), /^2: estimatedMinutes: /],
    ['an unlisted lab folder', good.replace('labs: [request-routing]', 'labs: []'), /^2: labs: the lab "request-routing" in this module's labs\/ is not listed/],
    ['a link to a missing lab', good + '\nSee [the lab](lab:nope).\n', /: link to lab "nope", which does not exist/],
    ['an unknown directive', good + '\n:::sidebar\nx\n:::\n', /: unknown directive ":::sidebar"/],
    ['a run block without code', good + '\n:::run\nnothing\n:::\n', /: :::run holds one ```sh code block/],
    ['a bad expect-exit', good + '\n:::run{expect-exit=abc}\n```sh\ncurl x\n```\n:::\n', /expect-exit must be a number, not "abc"/],
    ['a missing sample file', good + '\n:::run\n```sh\nkubectl apply -f samples/nope/nope.yaml\n```\n:::\n', /samples\/nope\/nope.yaml is not in content\/samples/],
    ['an invalid manifest', good + '\n```yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { replicass: 2 }\n```\n', /unknown field "spec.replicass"/],
    ['a quiz without a correct answer', good.replace('correct: true', 'correct: false'), /:::quiz: at least one choice must be correct/],
    ['a duplicate quiz id', good + '\n' + quiz('q1'), /quiz id "q1" is used twice/],
    ['too few quizzes', FRONT + prose, /at least 5 quizzes; this one has 0/],
    ['too little prose', good.replace(prose, 'short'), /at least 2000 words of explanation; this one has \d+/],
    ['a diagram edge to nowhere', good + '\n:::diagram\n```yaml\nnodes: [{ id: a, label: A }]\nedges: [{ from: a, to: b }]\n```\n:::\n', /:::diagram: node ids must be unique and every edge must join two declared nodes/],
  ])('names %s', (_name, text, message) => {
    expect(problems(text).join('\n')).toMatch(message)
  })

  it('only parses a yaml fragment, without schema validation', () => {
    expect(problems(good + '\n```yaml fragment\ntrafficPolicy:\n  tls: { mode: ISTIO_MUTUAL }\n```\n')).toEqual([])
    expect(problems(good + '\n```yaml fragment\na: [\n```\n').join('\n')).toMatch(/YAML does not parse/)
  })
})
