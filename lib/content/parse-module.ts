// Parsing a module: frontmatter and the Markdown tree (GFM + directives), and the directives pulled out with their lines.
import type { Code, Root, RootContent } from 'mdast'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { parse as parseYaml } from 'yaml'

export const DIRECTIVES = ['run', 'editor', 'note', 'tip', 'warning', 'diagram', 'quiz'] as const
export type DirectiveName = (typeof DIRECTIVES)[number]

export interface ContentProblem {
  file: string
  line: number
  message: string
}

export interface DirectiveBlock {
  name: string
  attributes: Record<string, string | null | undefined>
  /** The label in `:::warning[label]`. */
  label?: string
  /** The first code block inside, if any. */
  code?: Code
  line: number
}

export interface ParsedDocument {
  frontmatter: unknown
  tree: Root
  directives: DirectiveBlock[]
  /** Plain code blocks (outside directives). */
  codeBlocks: Code[]
  /** `[text](lab:slug)` and other link targets, with lines. */
  links: { url: string; line: number }[]
  problems: ContentProblem[]
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective)

export function parseDocument(text: string, file: string): ParsedDocument {
  const tree = processor.parse(text) as Root
  const problems: ContentProblem[] = []
  const frontmatter = readFrontmatter(tree, file, problems)
  const directives: DirectiveBlock[] = []
  const inDirective = new Set<Code>()
  const links: ParsedDocument['links'] = []
  visit(tree, (node) => {
    if (node.type === 'containerDirective') {
      const children = node.children as RootContent[]
      const code = children.find((c): c is Code => c.type === 'code')
      if (code) inDirective.add(code)
      const labelNode = children.find((c) => c.type === 'paragraph' && (c.data as { directiveLabel?: boolean } | undefined)?.directiveLabel)
      directives.push({ name: node.name, attributes: node.attributes ?? {}, label: labelNode ? plainText(labelNode) : undefined, code, line: node.position?.start.line ?? 1 })
    } else if (node.type === 'leafDirective' || node.type === 'textDirective') {
      // `::name` and `:name` are not part of the format; a stray colon in prose ("ratio 9:1") parses as text.
      if (node.type === 'leafDirective') problems.push({ file, line: node.position?.start.line ?? 1, message: `"::${node.name}" is not a directive this format knows; use ":::${node.name}" ... ":::"` })
    } else if (node.type === 'link') {
      links.push({ url: node.url, line: node.position?.start.line ?? 1 })
    }
  })
  const codeBlocks: Code[] = []
  visit(tree, 'code', (c: Code) => void (inDirective.has(c) || codeBlocks.push(c)))
  return { frontmatter, tree, directives, codeBlocks, links, problems }
}

function readFrontmatter(tree: Root, file: string, problems: ContentProblem[]): unknown {
  const node = tree.children[0]
  if (!node || node.type !== 'yaml') {
    problems.push({ file, line: 1, message: 'the file must start with YAML frontmatter between --- lines' })
    return undefined
  }
  try {
    return parseYaml(node.value)
  } catch (err) {
    problems.push({ file, line: (node.position?.start.line ?? 1) + 1, message: `frontmatter is not valid YAML: ${(err as Error).message.split('\n')[0]}` })
    return undefined
  }
}

function plainText(node: RootContent): string {
  let out = ''
  visit(node, 'text', (t: { value: string }) => void (out += t.value))
  return out
}
