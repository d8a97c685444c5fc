// Parse tests: AST shapes, incomplete input vs syntax errors vs unsupported syntax.
import { describe, expect, it } from 'vitest'
import { parse } from './parse'

describe('parse', () => {
  it.each([
    ['echo "abc'], ["echo 'abc"], ['cat <<EOF\nabc'], ['if true; then'], ['echo a |'], ['echo a &&'],
    ['echo $(ls'], ['for i in 1 2; do'], ['echo \\'],
  ])('reports %j as incomplete', (src) => {
    expect(parse(src)).toEqual({ kind: 'incomplete' })
  })

  it.each([
    ['echo )', ')'], ['echo a >', 'newline'], ['echo ;;', ';;'], ['fi', 'fi'], ['done', 'done'],
    ['if then fi', 'then'], ['echo a | | b', '|'], ['&& x', '&&'],
  ])('reports %j as a syntax error near %j', (src, token) => {
    expect(parse(src)).toEqual({ kind: 'error', message: `bash: syntax error near unexpected token \`${token}'` })
  })

  it.each([
    ['f() { :; }', 'function definitions'], ['echo $[1+2]', 'arithmetic expansion'], ['sleep 1 &', 'background jobs'],
    ['cat <(ls)', 'process substitution'], ['[[ a == b ]]', '[['], ['x=(a b)', 'arrays'], ['select x in a; do :; done', 'select'],
    ['echo ${x/a/b}', '${...}'], ["echo $'a\\n'", 'ANSI-C'], ['local x', 'local'],
  ])('refuses %j with one line', (src, what) => {
    const r = parse(src)
    expect(r.kind).toBe('unsupported')
    if (r.kind !== 'unsupported') return
    expect(r.message).toContain(what)
    expect(r.message).toMatch(/^bash: .*: not supported in this sandbox$/)
  })

  it('turns input nested past the parser stack into one error line, and parses again afterwards', () => {
    expect(parse('$('.repeat(3000) + 'echo' + ')'.repeat(3000))).toEqual({ kind: 'error', message: 'bash: syntax error: input nested too deeply' })
    expect(parse('{ '.repeat(3000)).kind).toBe('error')
    expect(parse('echo ok').kind).toBe('ok')
  })

  it('builds and-or, pipelines and redirects', () => {
    const r = parse('a x | b 2>&1 && c > out')
    expect(r.kind).toBe('ok')
    if (r.kind !== 'ok') return
    const top = r.stmts[0].cmd
    expect(top.type).toBe('and-or')
    if (top.type !== 'and-or') return
    expect(top.left.cmd.type).toBe('pipeline')
    expect(top.right.redirects).toMatchObject([{ op: '>', fd: null }])
  })

  it('unescapes backslashes and keeps quoting', () => {
    const r = parse('echo a\\ b "x\\"y" \'$z\'')
    if (r.kind !== 'ok' || r.stmts[0].cmd.type !== 'simple') throw new Error('not simple')
    const [, w1, w2, w3] = r.stmts[0].cmd.args
    expect(w1.parts).toEqual([{ type: 'lit', value: 'a b', quoted: false }])
    expect(w2.parts.map((p) => (p.type === 'lit' ? p.value : '')).join('')).toBe('x"y')
    expect(w3.parts).toEqual([{ type: 'lit', value: '$z', quoted: true }])
  })

  it('marks quoted heredocs and strips tabs for <<-', () => {
    const q = parse("cat <<'EOF'\n$X\nEOF")
    if (q.kind !== 'ok') throw new Error('parse failed')
    expect(q.stmts[0].redirects[0].heredoc).toEqual({ body: { parts: [{ type: 'lit', value: '$X\n', quoted: true }] }, quoted: true })
    const t = parse('cat <<-EOF\n\ta\n\t\tb\n\tEOF')
    if (t.kind !== 'ok') throw new Error('parse failed')
    const body = t.stmts[0].redirects[0].heredoc!.body.parts.map((p) => (p.type === 'lit' ? p.value : '')).join('')
    expect(body).toBe('a\nb\n')
  })

  it('keeps each statement source for the CLI report', () => {
    const r = parse('echo a; ls | wc -l\nfor i in 1; do :; done')
    if (r.kind !== 'ok') throw new Error('parse failed')
    expect(r.stmts.map((s) => s.source)).toEqual(['echo a', 'ls | wc -l', 'for i in 1; do :; done'])
  })

  it('keeps heredoc bodies in the statement source, also when a pipe follows the redirect', () => {
    const r = parse("cat <<'Y' | wc -l\na\nY\ncat > f <<-E\n\tb\n\tE\necho done")
    if (r.kind !== 'ok') throw new Error('parse failed')
    expect(r.stmts.map((s) => s.source)).toEqual(["cat <<'Y' | wc -l\na\nY", 'cat > f <<-E\n\tb\n\tE', 'echo done'])
  })

  it('handles non-ASCII text by character, not byte', () => {
    const r = parse('echo héllo; echo ü')
    if (r.kind !== 'ok') throw new Error('parse failed')
    expect(r.stmts.map((s) => s.source)).toEqual(['echo héllo', 'echo ü'])
  })
})
