// Rendering a module (or the course and glossary pages) to sanitized HTML on the server.
//
// Issue 7: GFM + our directives -> HTML; everything the author wrote passes
// rehype-sanitize with an allow-list for our directives' classes and data
// attributes; only after that do trusted steps add what we generate ourselves
// (shiki highlighting, diagram SVGs, quiz forms, the run/copy/editor buttons),
// so author content can never smuggle markup in.
import type { Element, ElementContent, Root as HastRoot } from 'hast'
import { h } from 'hastscript'
import type { Link, Root } from 'mdast'
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'
import rehypeSlug from 'rehype-slug'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { parse as parseYaml } from 'yaml'
import { diagramSchema, quizSchema, type Diagram, type Quiz } from '../module-schema'
import { parseDocument, type DirectiveBlock } from '../parse-module'
import { diagramSvg } from './diagram-svg'
import { highlightCode } from './highlight'

export interface TocEntry { depth: 2 | 3; id: string; text: string }

/** A quiz as the page shows it: no correct answers, no explanations (the API reveals them after an answer). */
export interface PublicQuiz { id: string; question: string; multiple: boolean; choices: string[] }

export interface RenderedDocument {
  frontmatter: unknown
  html: string
  toc: TocEntry[]
  quizzes: PublicQuiz[]
}

const CALLOUTS = new Set(['note', 'tip', 'warning'])

const SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'aside'],
  attributes: {
    ...defaultSchema.attributes,
    div: [...(defaultSchema.attributes?.div ?? []), ['className', /^md-[a-z-]+$/], 'dataExpectExit', 'dataKindOnly', 'dataFile', 'dataDiagram', 'dataQuizId', 'dataLabel'],
    aside: [['className', /^md-[a-z-]+$/]],
    p: [...(defaultSchema.attributes?.p ?? []), ['className', 'md-callout-title']],
    code: [...(defaultSchema.attributes?.code ?? []), ['className', /^language-[\w-]+$/]],
  },
}

export async function renderDocument(text: string, file: string): Promise<RenderedDocument> {
  const parsed = parseDocument(text, file)
  const diagrams: { diagram: Diagram; title: string }[] = []
  const quizzes: Quiz[] = []
  const publicQuizzes: PublicQuiz[] = []
  markDirectives(parsed.tree, parsed.directives, diagrams, quizzes, publicQuizzes)
  rewriteLabLinks(parsed.tree)
  const hast = (await unified().use(remarkRehype).use(rehypeSanitize, SCHEMA).use(rehypeSlug).run(parsed.tree)) as HastRoot
  await addTrustedParts(hast, diagrams, publicQuizzes)
  return { frontmatter: parsed.frontmatter, html: unified().use(rehypeStringify).stringify(hast), toc: tableOfContents(hast), quizzes: publicQuizzes }
}

/** Quiz answers by id, for grading an answer on the server (never sent to the page before answering). */
export function quizAnswers(text: string, file: string): Map<string, Quiz> {
  const parsed = parseDocument(text, file)
  const out = new Map<string, Quiz>()
  for (const d of parsed.directives) {
    if (d.name !== 'quiz' || !d.attributes.id || !d.code) continue
    const q = quizSchema.safeParse(parseYaml(d.code.value))
    if (q.success) out.set(d.attributes.id, q.data)
  }
  return out
}

/** Directives become elements with md-* classes and data attributes the sanitizer allows. */
function markDirectives(tree: Root, directives: DirectiveBlock[], diagrams: { diagram: Diagram; title: string }[], quizzes: Quiz[], publicQuizzes: PublicQuiz[]): void {
  visit(tree, 'containerDirective', (node) => {
    const attrs = node.attributes ?? {}
    const data = (node.data ??= {}) as { hName?: string; hProperties?: Record<string, unknown> }
    if (node.name === 'run') {
      Object.assign(data, { hName: 'div', hProperties: { className: ['md-run'], dataExpectExit: attrs['expect-exit'] ?? '0', ...(attrs['kind-only'] !== undefined ? { dataKindOnly: 'true' } : {}) } })
    } else if (node.name === 'editor') {
      Object.assign(data, { hName: 'div', hProperties: { className: ['md-editor'], dataFile: attrs.file ?? 'manifest.yaml' } })
    } else if (CALLOUTS.has(node.name)) {
      Object.assign(data, { hName: 'aside', hProperties: { className: ['md-callout', `md-callout-${node.name}`] } })
      for (const child of node.children) {
        if (child.type === 'paragraph' && (child.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) Object.assign((child.data ??= {}), { hProperties: { className: ['md-callout-title'] } })
      }
    } else if (node.name === 'diagram' || node.name === 'quiz') {
      const code = node.children.find((c) => c.type === 'code')
      const value = code ? safeYaml(code.value) : undefined
      node.children = []
      if (node.name === 'diagram') {
        const diagram = diagramSchema.safeParse(value)
        if (diagram.success) diagrams.push({ diagram: diagram.data, title: attrs.title ?? 'Diagram' })
        Object.assign(data, { hName: 'div', hProperties: { className: ['md-diagram'], dataDiagram: String(diagrams.length - 1) } })
      } else {
        const quiz = quizSchema.safeParse(value)
        if (quiz.success && attrs.id) {
          quizzes.push(quiz.data)
          publicQuizzes.push({ id: attrs.id, question: quiz.data.question, multiple: quiz.data.multiple, choices: quiz.data.choices.map((c) => c.text) })
        }
        Object.assign(data, { hName: 'div', hProperties: { className: ['md-quiz'], dataQuizId: attrs.id ?? '' } })
      }
    }
  })
  void directives
}

function safeYaml(text: string): unknown {
  try {
    return parseYaml(text)
  } catch {
    return undefined
  }
}

/** `lab:request-routing` -> the lab's page. */
function rewriteLabLinks(tree: Root): void {
  visit(tree, 'link', (link: Link) => {
    const lab = /^lab:([a-z0-9-]+)$/.exec(link.url)?.[1]
    if (lab) link.url = `/labs/${lab}`
  })
}

async function addTrustedParts(tree: HastRoot, diagrams: { diagram: Diagram; title: string }[], quizzes: PublicQuiz[]): Promise<void> {
  const pending: Promise<void>[] = []
  visit(tree, 'element', (el: Element) => {
    const cls = (el.properties?.className as string[] | undefined) ?? []
    if (el.tagName === 'pre') pending.push(highlightInPlace(el))
    if (cls.includes('md-run')) el.children.push(h('div', { className: ['md-actions'] }, [button('run', 'Run in terminal'), button('copy', 'Copy')]))
    if (cls.includes('md-editor')) el.children.push(h('div', { className: ['md-actions'] }, [button('open-editor', 'Open in editor'), button('copy', 'Copy')]))
    if (cls.includes('md-diagram')) {
      const d = diagrams[Number(el.properties?.dataDiagram)]
      if (d) pending.push(diagramSvg(d.diagram, d.title).then((svg) => void el.children.push(h('figure', [svg, h('figcaption', d.title)]))))
    }
    if (cls.includes('md-quiz')) {
      const q = quizzes.find((x) => x.id === el.properties?.dataQuizId)
      if (q) el.children.push(quizForm(q))
    }
  })
  await Promise.all(pending)
}

function button(action: string, label: string): Element {
  return h('button', { type: 'button', className: ['md-button'], dataAction: action }, label)
}

function quizForm(q: PublicQuiz): Element {
  const type = q.multiple ? 'checkbox' : 'radio'
  return h('form', { className: ['md-quiz-form'], dataQuizId: q.id }, [
    h('fieldset', [
      h('legend', q.question + (q.multiple ? ' (select all that apply)' : '')),
      ...q.choices.map((text, i) => h('label', { className: ['md-quiz-choice'] }, [h('input', { type, name: `quiz-${q.id}`, value: String(i) }), ' ', text])),
    ]),
    h('button', { type: 'submit', className: ['md-button'] }, 'Check answer'),
    h('div', { className: ['md-quiz-feedback'], ariaLive: 'polite' }),
  ])
}

async function highlightInPlace(pre: Element): Promise<void> {
  const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code')
  if (!code) return
  const lang = ((code.properties?.className as string[] | undefined) ?? []).find((c) => c.startsWith('language-'))?.slice('language-'.length)
  const text = code.children.map((c) => (c.type === 'text' ? c.value : '')).join('')
  const highlighted = await highlightCode(text, lang)
  if (highlighted) Object.assign(pre, { properties: highlighted.properties, children: highlighted.children as ElementContent[] })
}

function tableOfContents(tree: HastRoot): TocEntry[] {
  const toc: TocEntry[] = []
  visit(tree, 'element', (el: Element) => {
    if ((el.tagName === 'h2' || el.tagName === 'h3') && el.properties?.id) {
      let text = ''
      visit(el, 'text', (t: { value: string }) => void (text += t.value))
      toc.push({ depth: el.tagName === 'h2' ? 2 : 3, id: String(el.properties.id), text })
    }
  })
  return toc
}
