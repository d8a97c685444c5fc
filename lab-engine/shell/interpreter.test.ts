// Interpreter tests: a table of scripts -> stdout, stderr and exit code, as bash gives them.
import { describe, expect, it } from 'vitest'
import { MAX_LOOP_ITERATIONS } from './control'
import { Shell } from './interpreter'
import { ShellState } from './state'
import { Vfs } from './vfs'
import { runCaptured, testShell } from './test-support'

type Case = [name: string, script: string, stdout: string, stderr?: string, code?: number]

const CASES: Case[] = [
  ['echo and quoting', `echo a   "b  c" 'd $x' e\\ f`, 'a b  c d $x e f\n'],
  ['variables and splitting', 'X="a  b"; echo $X "$X"', 'a b a  b\n'],
  ['empty unquoted expansion vanishes', 'E=; echo [$E] $E x', '[] x\n'],
  ['quoted empty stays', 'printf "<%s>" "" x; echo', '<><x>\n'],
  ['bare assignments run left to right', 'X=1 Y=$X; echo $Y', '1\n'],
  ['$? after failure', 'false; echo $?; true; echo $?', '1\n0\n'],
  ['&& and ||', 'true && echo yes || echo no; false && echo yes || echo no', 'yes\nno\n'],
  ['negation', '! false && echo negated', 'negated\n'],
  ['pipes', 'printf "b\\na\\nb\\n" | sort | uniq -c', '      1 a\n      2 b\n'],
  ['pipe exit status is the last stage', 'false | true; echo $?', '0\n'],
  ['pipe stages are subshells', 'X=1; echo | X=2; echo $X', '1\n'],
  ['redirect > and >>', 'echo one > o; echo two >> o; cat o', 'one\ntwo\n'],
  ['redirect < ', 'echo hi > f; wc -l < f', '1\n'],
  ['2>&1 into a pipe', 'ls nope 2>&1 | wc -l', '1\n'],
  ['2> to a file', 'ls nope 2> err; cat err', "ls: cannot access 'nope': No such file or directory\n"],
  ['>&2', 'echo oops >&2', '', 'oops\n'],
  ['/dev/null', 'echo gone > /dev/null; cat nope 2>/dev/null; echo $?', '1\n'],
  ['&> sends both', '{ ls nope; echo out; } &> all; cat all', "ls: cannot access 'nope': No such file or directory\nout\n"],
  ['missing input file', 'cat < nope', '', 'bash: nope: No such file or directory\n', 1],
  ['redirect into a directory', 'echo x > /tmp', '', 'bash: /tmp: Is a directory\n', 1],
  ['heredoc into cat', 'N=world\ncat <<EOF\nhello $N\n$(echo sub)\nEOF', 'hello world\nsub\n'],
  ['quoted heredoc is literal', "cat <<'EOF'\n$HOME `x`\nEOF", '$HOME `x`\n'],
  ['<<- strips tabs', 'cat <<-EOF\n\tindented\n\tEOF', 'indented\n'],
  ['heredoc to a file, then kubectl-like -f -', 'cat > m.yaml <<EOF\nkind: Pod\nEOF\ncat - < m.yaml', 'kind: Pod\n'],
  ['here-string', 'tr a-z A-Z <<< hello', 'HELLO\n'],
  ['command substitution', 'echo "[$(echo a; echo b)]" `echo c`', '[a\nb] c\n'],
  ['$(...) is a subshell', 'X=1; Y=$(X=2; cd /tmp; echo $X); echo $X $Y; pwd', '1 2\n/home/learner\n'],
  ['assignment status is the substitution status', 'X=$(false); echo $?', '1\n'],
  ['prefix assignment only for the command', 'X=1 env | grep ^X=; echo "[$X]"', 'X=1\n[]\n'],
  ['export', 'export A=1 B; B=2; env | grep -E "^(A|B)="', 'A=1\nB=2\n'],
  ['export invalid name', 'export "1x=2"', '', "bash: export: `1x=2': not a valid identifier\n", 1],
  ['parameter operators', 'echo ${U:-d} ${U-e} ${#HOME} ${HOME##*/} ${HOME%/*} ${U:+no}${HOME:+yes}', 'd e 13 learner /home yes\n'],
  ['${X:=v} assigns', 'echo ${V:=set}; echo $V', 'set\nset\n'],
  ['${X:?} fails the command', 'echo ${NOPE:?missing}; echo after', 'after\n', 'bash: NOPE: missing\n'],
  ['tilde', 'echo ~ ~/x "~"', '/home/learner /home/learner/x ~\n'],
  ['globs', 'touch_() { :; }', '', 'bash: function definitions: not supported in this sandbox\n', 2],
  ['glob expands against the VFS', 'echo a > a.yaml; echo b > b.yaml; echo *.yaml; echo "*.yaml"; echo *.none', 'a.yaml b.yaml\n*.yaml\n*.none\n'],
  ['for loop', 'for i in 1 2 3; do echo $i; done', '1\n2\n3\n'],
  ['for over $(seq)', 'for i in $(seq 2); do echo n$i; done', 'n1\nn2\n'],
  ['while with read', 'printf "a b\\nc\\n" | while read x y; do echo "$x|$y"; done', 'a|b\nc|\n'],
  ['until', 'until true; do echo never; done; echo ok', 'ok\n'],
  ['break and continue', 'for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done', '1\n3\n'],
  ['break 2 leaves both loops', 'for i in 1 2; do for j in a b; do echo $i$j; break 2; done; done; echo out', '1a\nout\n'],
  ['break outside a loop is ignored', 'break; echo after', 'after\n'],
  ['if / elif / else', 'if false; then echo a; elif [ -d /tmp ]; then echo b; else echo c; fi', 'b\n'],
  ['case with patterns and ;&', 'case app.yaml in *.yml|*.json) echo j;; *.yaml) echo y;& x) echo fell;; *) echo no;; esac', 'y\nfell\n'],
  ['case with quoted pattern', 'case "*" in "*") echo star;; *) echo other;; esac', 'star\n'],
  ['group and subshell', '{ echo a; echo b; } > g; (cd /tmp; pwd); pwd; cat g', '/tmp\n/home/learner\na\nb\n'],
  ['loop cap', 'while true; do :; done; echo never', '', `bash: loop iteration limit exceeded (${MAX_LOOP_ITERATIONS} iterations); stopped\n`, 1],
  ['loop cap counts nested loops', 'for i in $(seq 200); do for j in $(seq 100); do :; done; done', '', `bash: loop iteration limit exceeded (${MAX_LOOP_ITERATIONS} iterations); stopped\n`, 1],
  ['unknown command', 'kubectll get pods', '', 'bash: kubectll: command not found\n', 127],
  ['unknown path command', './run.sh', '', 'bash: ./run.sh: No such file or directory\n', 127],
  ['exit stops the script', 'echo a; exit 3; echo b', 'a\n', '', 3],
  ['exit in $(...) ends only the subshell', 'X=$(echo in; exit 4); echo "$X $?"', 'in 4\n'],
  ['exit in ( ... ) ends only the subshell', '(echo in; exit 5; echo no); echo "after $?"', 'in\nafter 5\n'],
  ['exit in a pipeline stage ends only that stage', 'exit 6 | cat; echo "after $?"', 'after 0\n'],
  ['bare exit keeps the last status', 'false; exit', '', '', 1],
  ['cd and pwd', 'mkdir -p a/b && cd a/b && pwd; cd -; cd ..; pwd', '/home/learner/a/b\n/home/learner\n/home\n'],
  ['cd to a missing dir', 'cd nope', '', 'bash: cd: nope: No such file or directory\n', 1],
  ['syntax error', 'echo )', '', "bash: syntax error near unexpected token `)'\n", 2],
  ['incomplete input given to run()', 'echo "open', '', 'bash: syntax error: unexpected end of file\n', 2],
  ['unsupported', 'cat <(ls)', '', 'bash: process substitution: not supported in this sandbox\n', 2],
  ['background', 'sleep 10 &', '', 'bash: background jobs (&): not supported in this sandbox\n', 2],
  ['comments', 'echo a # not this\n# whole line\necho b', 'a\nb\n'],
  ['multi-line script', 'X=1\nif [ "$X" = 1 ]; then\n  echo one\nfi', 'one\n'],
  ['line continuation', 'echo a \\\nb', 'a b\n'],
]

describe('interpreter', () => {
  it.each(CASES)('%s', async (_name, script, stdout, stderr = '', code = 0) => {
    const r = await runCaptured(testShell(), script)
    expect(r).toEqual({ stdout, stderr, code })
  })

  it('keeps state between runs ($?, variables, cwd)', async () => {
    const sh = testShell()
    await runCaptured(sh, 'X=5; cd /tmp; false')
    expect(await runCaptured(sh, 'echo $? $X; pwd')).toEqual({ stdout: '1 5\n/tmp\n', stderr: '', code: 0 })
  })

  it('state and VFS survive a JSON snapshot', async () => {
    const sh = testShell()
    await runCaptured(sh, 'export K=v; L=1; mkdir -p /tmp/s && cd /tmp/s && echo hi > f')
    const snap = JSON.parse(JSON.stringify({ state: sh.state.toJSON(), vfs: sh.vfs.toJSON() }))
    const back = new Shell({ vfs: Vfs.fromJSON(snap.vfs), registry: sh.registry, clock: sh.clock, state: ShellState.fromJSON(snap.state) })
    expect(await runCaptured(back, 'cat f; echo $K$L; pwd; env | grep -c ^L=')).toEqual({ stdout: 'hi\nv1\n/tmp/s\n0\n', stderr: '', code: 1 })
  })

  it('caps total output', async () => {
    const r = await runCaptured(testShell(), 'for i in $(seq 5000); do printf "%0300d\\n" 1; done')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^bash: output limit exceeded/)
  })

  it('sleep goes through the clock', async () => {
    const sh = testShell()
    const t0 = sh.clock.now()
    await runCaptured(sh, 'sleep 1.5; sleep 2m')
    expect(sh.clock.now() - t0).toBe(1500 + 120_000)
  })

  it('Ctrl-C stops the run with 130', async () => {
    const sh = testShell()
    const ac = new AbortController()
    let out = ''
    const code = await sh.run('echo a; kill_me; echo b', {
      stdout: { write: (s) => { out += s; ac.abort() } }, stderr: { write: () => {} }, signal: ac.signal,
    })
    expect({ out, code }).toEqual({ out: 'a\n', code: 130 })
  })
})
