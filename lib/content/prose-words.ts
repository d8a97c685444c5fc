// Words of explanation in a Markdown tree: text outside code blocks, frontmatter and directive YAML.
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'

export function proseWords(tree: Root): number {
  let words = 0
  visit(tree, (node) => {
    if (node.type === 'text' || node.type === 'inlineCode') words += (node as { value: string }).value.split(/\s+/).filter(Boolean).length
  })
  return words
}
