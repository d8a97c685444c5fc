// RE2 patterns in JavaScript: Prometheus matchers and Envoy's ?filter= take RE2 syntax; this maps it onto RegExp.
//
// RE2 syntax (github.com/google/re2/wiki/Syntax): leading flag groups such as
// (?i) and (?s) are allowed; lookarounds and backreferences are not ("invalid or
// unsupported Perl syntax"). JavaScript regexes are close enough otherwise for
// the patterns learners write (alternations, classes, .*, anchors).

export class Re2SyntaxError extends Error {
  override name = 'Re2SyntaxError'
}

const FLAG_GROUP = /^\(\?([imsU]+)\)/
const UNSUPPORTED = /\(\?<?[=!]|\\[1-9]|\(\?P=/

/** Compiles an RE2 pattern; `anchored` wraps it as Prometheus does for label matchers (^(?:...)$). */
export function compileRe2(pattern: string, anchored: boolean): RegExp {
  if (UNSUPPORTED.test(pattern)) throw new Re2SyntaxError(`error parsing regexp: invalid or unsupported Perl syntax: ${JSON.stringify(pattern)}`)
  let flags = ''
  let body = pattern
  const m = FLAG_GROUP.exec(body)
  if (m) {
    if (m[1]!.includes('i')) flags += 'i'
    if (m[1]!.includes('s')) flags += 's'
    if (m[1]!.includes('m')) flags += 'm'
    body = body.slice(m[0].length)
  }
  // Prometheus matchers compile with (?s) semantics: . matches newlines too.
  if (anchored && !flags.includes('s')) flags += 's'
  try {
    return new RegExp(anchored ? `^(?:${body})$` : body, flags)
  } catch (err) {
    throw new Re2SyntaxError(`error parsing regexp: ${(err as Error).message}`)
  }
}
