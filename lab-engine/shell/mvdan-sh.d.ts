// Ambient types for mvdan-sh (GopherJS build of mvdan.cc/sh/v3/syntax): only what parse.ts touches.
declare module 'mvdan-sh' {
  /** A GopherJS-wrapped Go syntax node; fields mirror the Go structs (pkg.go.dev/mvdan.cc/sh/v3/syntax). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export type GoNode = any
  export interface GoParser {
    Parse(src: string, name: string): GoNode
  }
  export const syntax: {
    NewParser(...opts: unknown[]): GoParser
    NodeType(node: GoNode): string
    IsIncomplete(err: unknown): boolean
    Walk(node: GoNode, fn: (node: GoNode) => boolean): void
  }
  const mvdan: { syntax: typeof syntax }
  export default mvdan
}
