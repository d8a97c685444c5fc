// Tests for touch, mv, dirname, basename, yes, clear, help, date, xargs, printenv and history (GNU coreutils / bash shapes).
import { describe, expect, it } from 'vitest'
import { runCaptured, testShell } from '../test-support'

type Case = [script: string, stdout: string, stderr?: string, code?: number]

const SETUP = 'mkdir -p dir; echo one > a.txt; '

const CASES: Record<string, Case[]> = {
  touch: [
    ['touch new && cat new && ls', 'a.txt\ndir\nnew\n'], ['touch a.txt && cat a.txt', 'one\n'], ['touch -c ghost; ls', 'a.txt\ndir\n'],
    ['touch', '', "touch: missing file operand\nTry 'touch --help' for more information.\n", 1],
    ['touch nope/x', '', "touch: cannot touch 'nope/x': No such file or directory\n", 1],
  ],
  mv: [
    ['mv a.txt b.txt && ls && cat b.txt', 'b.txt\ndir\none\n'], ['mv a.txt dir && ls dir', 'a.txt\n'], ['mv dir d2 && ls', 'a.txt\nd2\n'],
    ['mv nope x', '', "mv: cannot stat 'nope': No such file or directory\n", 1],
    ['mv a.txt', '', "mv: missing destination file operand after 'a.txt'\nTry 'mv --help' for more information.\n", 1],
    ['mv dir dir/sub', '', "mv: cannot move 'dir' to a subdirectory of itself, '/home/learner/dir/sub'\n", 1],
  ],
  dirname: [
    ['dirname /a/b/c.yaml a/b/ c /', '/a/b\na\n.\n/\n'], ['dirname', '', "dirname: missing operand\nTry 'dirname --help' for more information.\n", 1],
  ],
  basename: [
    ['basename /a/b/c.yaml', 'c.yaml\n'], ['basename /a/b/c.yaml .yaml', 'c\n'], ['basename -s .yaml x.yaml y.yaml', 'x\ny\n'],
    ['basename a/b/', 'b\n'], ['basename a b c', '', "basename: extra operand 'c'\nTry 'basename --help' for more information.\n", 1],
  ],
  yes: [['yes | head -2', 'y\ny\n'], ['yes ok | head -1', 'ok\n'], ['yes | wc -l', '32768\n']],
  clear: [['clear', '\x1b[H\x1b[2J\x1b[3J']],
  date: [
    ['date', 'Thu Jan  1 00:00:00 UTC 2026\n'], ['date -u +%Y-%m-%dT%H:%M:%SZ', '2026-01-01T00:00:00Z\n'],
    ['date -d @1700000000', 'Tue Nov 14 22:13:20 UTC 2023\n'], ['date -d 2026-11-24T17:30:15Z', 'Tue Nov 24 17:30:15 UTC 2026\n'],
    ['date +%s', '1767225600\n'], ['date -d "2026-02-03 04:05:06" "+%a %A %b %B %d %e %j %I %p %y %u %w %Z %z %%"', 'Tue Tuesday Feb February 03  3 034 04 AM 26 2 2 UTC +0000 %\n'],
    ['sleep 61; date +%T', '00:01:01\n'], ['date -I', '2026-01-01\n'], ['date -d "2 hours ago" +%F_%T', '2025-12-31_22:00:00\n'], ['date -d tomorrow +%F', '2026-01-02\n'], ['date -d "+90 min" +%R', '01:30\n'], ['date -R', 'Thu, 01 Jan 2026 00:00:00 +0000\n'],
    ['date -d junk', '', "date: invalid date 'junk'\n", 1], ['date -d 2026-02-30', '', "date: invalid date '2026-02-30'\n", 1],
    ['date -x', '', "date: invalid option -- 'x'\nTry 'date --help' for more information.\n", 1],
  ],
  xargs: [
    ['printf "a b\\nc\\n" | xargs', 'a b c\n'], ['printf "a b c\\n" | xargs -n 2 echo x', 'x a b\nx c\n'],
    ['printf "a.txt\\n" | xargs cat', 'one\n'], ['printf "1\\n2\\n" | xargs -I {} echo item-{}-{}', 'item-1-1\nitem-2-2\n'], ['printf "a\\n" | xargs -I{} echo -n {}', 'a'], ['echo one | xargs -n1 grep -c -e', '0\n', '', 123],
    ['printf "a\\0b c\\0" | xargs -0 -n1 echo', 'a\nb c\n'], ['printf "\'a b\' c" | xargs -n1', 'a b\nc\n'],
    ['echo | xargs echo hi', 'hi\n'], ['echo | xargs -r echo hi', ''], ['echo x | xargs nosuch; echo $?', '127\n', 'xargs: nosuch: No such file or directory\n'],
    ['echo x | xargs false; echo $?', '123\n'], ['seq 2000 | xargs -n1 echo', '', 'xargs: refusing to run more than 1000 commands\n', 1],
    ["echo \"'a\" | xargs", '', 'xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n', 1],
    ['echo a | xargs -n 0', '', 'xargs: invalid number "0" for -n option\nTry \'xargs --help\' for more information.\n', 1],
  ],
  history: [
    ['history', ''], ['history x', '', 'bash: history: x: numeric argument required\n', 1],
    ['history -z', '', 'bash: history: -z: invalid option\nhistory: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n', 2],
  ],
  printenv: [
    ['export A=1 B=two; printenv B A', 'two\n1\n'], ['export A=1; printenv A NOPE; echo $?', '1\n1\n'],
    ['export A=x; printenv | grep "^A="', 'A=x\n'], ['export A=1; printenv A=1; echo $?', '1\n'], ['C=3; printenv C; echo $?', '1\n'],
    ['export A=1 B=22; printenv -0 A B | wc -c', '5\n'], ['export A=1; printenv --null A | wc -c', '2\n'],
    ['printenv -x', '', "printenv: invalid option -- 'x'\nTry 'printenv --help' for more information.\n", 2],
  ],
  help: [['help | head -1', 'GNU bash, version 5.1.16(1)-release (x86_64-pc-linux-gnu)\n'], ['help | grep -c awk', '1\n'], ['which history date', '/usr/bin/date\n', '', 1]],
}

describe.each(Object.entries(CASES))('%s', (_name, cases) => {
  it.each(cases)('%s', async (script, stdout, stderr = '', code = 0) => {
    const shell = testShell()
    await runCaptured(shell, SETUP)
    expect(await runCaptured(shell, script)).toEqual({ stdout, stderr, code })
  })
})

describe('history', () => {
  it('numbers the shared history, takes the last N and clears with -c', async () => {
    const shell = testShell()
    for (const line of ['echo a', 'ls', 'echo b']) shell.state.history.add(line)
    expect((await runCaptured(shell, 'history')).stdout).toBe('    1  echo a\n    2  ls\n    3  echo b\n')
    expect((await runCaptured(shell, 'history 2')).stdout).toBe('    2  ls\n    3  echo b\n')
    expect((await runCaptured(shell, 'echo $(history 1)')).stdout).toBe('3 echo b\n')
    await runCaptured(shell, 'history -c')
    expect((await runCaptured(shell, 'history')).stdout).toBe('')
  })

  it('keeps numbering past the limit', async () => {
    const shell = testShell()
    shell.state.history.setLimit(2)
    for (const line of ['a', 'b', 'c']) shell.state.history.add(line)
    expect((await runCaptured(shell, 'history')).stdout).toBe('    2  b\n    3  c\n')
  })
})
