import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { quizAnswers, renderDocument } from './render-document'

const DOC = `---
title: T
summary: S
---
## Routing rules

Text with a [lab](lab:request-routing) and <script>alert(1)</script> and <b onclick="x()">raw html</b>.

:::run{expect-exit=56}
\`\`\`sh
curl -s http://httpbin.foo:8000/ip
\`\`\`
:::

:::warning[Careful]
Do not <img src=x onerror=alert(1)>.
:::

:::diagram{title="Two services"}
\`\`\`yaml
nodes:
  - { id: a, label: productpage, group: default }
  - { id: b, label: reviews, group: default }
edges:
  - { from: a, to: b, label: "90%" }
\`\`\`
:::

### Quiz time

:::quiz{id="order"}
\`\`\`yaml
question: Which rule wins?
choices:
  - { text: The first, correct: true, explain: Order decides. }
  - { text: The longest, explain: Not by length. }
\`\`\`
:::
`

describe('renderDocument', () => {
  it('renders directives, drops raw HTML, rewrites lab links and keeps answers off the page', async () => {
    const r = await renderDocument(DOC, 'm.md')
    expect(r.html).not.toMatch(/<script|onclick|onerror|alert\(1\)<\/script>/)
    expect(r.html).toContain('<a href="/labs/request-routing">lab</a>')
    expect(r.html).toMatch(/<div class="md-run" data-expect-exit="56">[\s\S]*<pre class="shiki[\s\S]*<button type="button" class="md-button" data-action="run">Run in terminal<\/button>/)
    expect(r.html).toMatch(/<aside class="md-callout md-callout-warning"><p class="md-callout-title">Careful<\/p>/)
    expect(r.html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Two services"[\s\S]*<text[^>]*>productpage<\/text>[\s\S]*<\/svg>/)
    expect(r.html).toMatch(/<form class="md-quiz-form" data-quiz-id="order">[\s\S]*<legend>Which rule wins\?<\/legend>[\s\S]*type="radio"/)
    expect(r.html).not.toContain('Order decides')
    expect(r.toc).toEqual([{ depth: 2, id: 'routing-rules', text: 'Routing rules' }, { depth: 3, id: 'quiz-time', text: 'Quiz time' }])
    expect(r.quizzes).toEqual([{ id: 'order', question: 'Which rule wins?', multiple: false, choices: ['The first', 'The longest'] }])
    expect(quizAnswers(DOC, 'm.md').get('order')?.choices.map((c) => c.correct)).toEqual([true, false])
  })

  it('renders every shipped module', { timeout: 60_000 }, async () => {
    const root = path.resolve(import.meta.dirname, '../../..')
    for (const slug of ['01-kubernetes-foundations', '03-traffic-management']) {
      const file = path.join(root, 'content/modules', slug, 'module.md')
      const r = await renderDocument(readFileSync(file, 'utf8'), file)
      expect(r.toc.length).toBeGreaterThan(3)
      expect(r.quizzes.length).toBeGreaterThanOrEqual(5)
      expect(r.html).toContain('<svg')
    }
  })
})
