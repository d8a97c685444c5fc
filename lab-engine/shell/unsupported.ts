// Unsupported: the one error for syntax the sandbox parses but will not run.

/** Thrown by the AST conversion; parse() turns it into a one-line message. */
export class UnsupportedSyntax extends Error {
  constructor(readonly feature: string) {
    super(`bash: ${feature}: not supported in this sandbox`)
  }
}
