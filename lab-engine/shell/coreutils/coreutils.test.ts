// Coreutils tests: each command's output shape and messages against GNU coreutils / bash builtins.
import { describe, expect, it } from 'vitest'
import { runCaptured, testShell } from '../test-support'

type Case = [script: string, stdout: string, stderr?: string, code?: number]

const SETUP = 'printf "alpha 1\\nBeta 22\\ngamma 3\\nalpha 1\\n" > data.txt; mkdir -p dir/sub; echo x > dir/f'

const CASES: Record<string, Case[]> = {
  echo: [
    ['echo -n a; echo b', 'ab\n'], ['echo -e "a\\tb\\nc"', 'a\tb\nc\n'], ['echo "a\\tb"', 'a\\tb\n'], ['echo -x', '-x\n'],
  ],
  printf: [
    ['printf "%s|%5s|%-3s|\\n" a b c', 'a|    b|c  |\n'], ['printf "%d %03d %x %o %c\\n" 42 7 255 8 hello', '42 007 ff 10 h\n'],
    ['printf "%.2f\\n" 3.14159', '3.14\n'], ["printf -- '--%s\\n' x", '--x\n'], ['printf "%s\\n" a b c', 'a\nb\nc\n'], ['printf "100%%\\n"', '100%\n'],
    ['printf "%d\\n" abc', '0\n', 'bash: printf: abc: invalid number\n', 1], ['printf', '', 'bash: printf: usage: printf [-v var] format [arguments]\n', 2],
  ],
  cat: [
    ['cat data.txt | head -1', 'alpha 1\n'], ['echo in | cat - data.txt | wc -l', '5\n'], ['cat -n dir/f', '     1\tx\n'],
    ['cat nope', '', 'cat: nope: No such file or directory\n', 1], ['cat dir', '', 'cat: dir: Is a directory\n', 1],
  ],
  ls: [
    ['ls', 'data.txt\ndir\n'], ['ls -a dir', '.\n..\nf\nsub\n'], ['ls dir/f', 'dir/f\n'],
    ['ls -l dir', 'total 8\n-rw-r--r-- 1 learner learner    2 Jan  1 00:00 f\ndrwxr-xr-x 2 learner learner 4096 Jan  1 00:00 sub\n'],
    ['ls nope', '', "ls: cannot access 'nope': No such file or directory\n", 2], ['ls -z', '', "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n", 2],
  ],
  mkdir: [
    ['mkdir new && ls -d new', 'new\n'], ['mkdir dir', '', "mkdir: cannot create directory 'dir': File exists\n", 1],
    ['mkdir a/b', '', "mkdir: cannot create directory 'a/b': No such file or directory\n", 1], ['mkdir -p a/b/c && ls a/b', 'c\n'],
    ['mkdir', '', "mkdir: missing operand\nTry 'mkdir --help' for more information.\n", 1],
  ],
  rm: [
    ['rm data.txt && ls', 'dir\n'], ['rm dir', '', "rm: cannot remove 'dir': Is a directory\n", 1], ['rm -r dir && ls', 'data.txt\n'],
    ['rm nope', '', "rm: cannot remove 'nope': No such file or directory\n", 1], ['rm -f nope; echo $?', '0\n'],
    ['rm', '', "rm: missing operand\nTry 'rm --help' for more information.\n", 1],
  ],
  cp: [
    ['cp data.txt d2 && cat d2 | wc -l', '4\n'], ['cp data.txt dir && ls dir', 'data.txt\nf\nsub\n'], ['cp -r dir d3 && ls d3', 'f\nsub\n'],
    ['cp dir d4', '', "cp: -r not specified; omitting directory 'dir'\n", 1], ['cp nope x', '', "cp: cannot stat 'nope': No such file or directory\n", 1],
    ['cp data.txt', '', "cp: missing destination file operand after 'data.txt'\nTry 'cp --help' for more information.\n", 1],
  ],
  grep: [
    ['grep alpha data.txt', 'alpha 1\nalpha 1\n'], ['grep -i beta data.txt', 'Beta 22\n'], ['grep -v alpha data.txt', 'Beta 22\ngamma 3\n'],
    ['grep -c alpha data.txt', '2\n'], ['grep -n gamma data.txt', '3:gamma 3\n'], ['grep -E "^(Beta|gamma)" data.txt', 'Beta 22\ngamma 3\n'],
    ['grep "a\\|B" data.txt | wc -l', '4\n'], ['grep "2\\{2\\}" data.txt', 'Beta 22\n'], ['grep zzz data.txt; echo $?', '1\n'],
    ['grep x dir/f data.txt', 'dir/f:x\n'], ['grep a nope; echo $?', '2\n', 'grep: nope: No such file or directory\n'],
    ['grep', '', "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2], ['echo ab | grep -o b', 'b\n'],
    ['grep -e alpha -e gamma data.txt', 'alpha 1\ngamma 3\nalpha 1\n'], ['grep -c --regexp=Beta -e 3 data.txt', '2\n'],
    ['grep "$(printf \'Beta\\ngamma\')" data.txt', 'Beta 22\ngamma 3\n'], ['grep -e "[" -e a data.txt', '', 'grep: Unmatched [, [^, [:, [., or [=\n', 2],
  ],
  'head/tail': [
    ['seq 20 | head -n 3', '1\n2\n3\n'], ['seq 20 | head -2', '1\n2\n'], ['seq 20 | tail -n 2', '19\n20\n'], ['seq 5 | tail -n +4', '4\n5\n'],
    ['seq 12 | tail -3', '10\n11\n12\n'], ['head -n 1 data.txt dir/f', '==> data.txt <==\nalpha 1\n\n==> dir/f <==\nx\n'],
    ['head -n x data.txt', '', "head: invalid number of lines: 'x'\n", 1],
  ],
  wc: [
    ['wc -l data.txt', '4 data.txt\n'], ['wc -l < data.txt', '4\n'], ['echo "a b c" | wc -w', '3\n'], ['echo hello | wc -c', '6\n'],
    ['echo "a b" | wc', '      1       2       4\n'], ['wc data.txt', ' 4  8 32 data.txt\n'],
    ['wc -l data.txt dir/f', '4 data.txt\n1 dir/f\n5 total\n'],
  ],
  cut: [
    ['echo a:b:c:d | cut -d: -f2', 'b\n'], ['echo a:b:c:d | cut -d: -f1,3-', 'a:c:d\n'], ['echo abcdef | cut -c2-4', 'bcd\n'],
    ['echo nodelim | cut -d: -f2', 'nodelim\n'], ['printf "a\\tb\\n" | cut -f2', 'b\n'],
    ['echo a | cut -d: -f0', '', "cut: invalid field value '0'\nTry 'cut --help' for more information.\n", 1],
  ],
  sort: [
    ['sort data.txt', 'Beta 22\nalpha 1\nalpha 1\ngamma 3\n'], ['sort -u data.txt', 'Beta 22\nalpha 1\ngamma 3\n'], ['printf "10\\n9\\n100\\n" | sort -n', '9\n10\n100\n'],
    ['printf "10\\n9\\n100\\n" | sort -rn', '100\n10\n9\n'], ['sort -k2 -n data.txt | head -1', 'alpha 1\n'],
  ],
  uniq: [
    ['printf "a\\na\\nb\\na\\n" | uniq', 'a\nb\na\n'], ['printf "a\\na\\nb\\n" | uniq -c', '      2 a\n      1 b\n'], ['printf "a\\na\\nb\\n" | uniq -d', 'a\n'],
  ],
  tr: [
    ['echo hello | tr a-z A-Z', 'HELLO\n'], ['echo hello | tr -d l', 'heo\n'], ['echo "a  b   c" | tr -s " "', 'a b c\n'],
    ['echo Hi | tr "[:upper:]" "[:lower:]"', 'hi\n'], ['echo a,b | tr , "\\n"', 'a\nb\n'],
  ],
  tee: [['echo hi | tee t1 t2 > /dev/null; cat t1 t2', 'hi\nhi\n'], ['echo a | tee -a data.txt | wc -l; wc -l < data.txt', '1\n5\n']],
  seq: [
    ['seq 3', '1\n2\n3\n'], ['seq 2 4', '2\n3\n4\n'], ['seq 0 5 12', '0\n5\n10\n'], ['seq 3 -1 1', '3\n2\n1\n'], ['seq -s, 3', '1,2,3\n'],
    ['seq -w 8 10', '08\n09\n10\n'], ['seq 1.5 2.5', '1.5\n2.5\n'], ['seq x', '', "seq: invalid floating point argument: 'x'\nTry 'seq --help' for more information.\n", 1],
  ],
  base64: [
    ['echo hello | base64', 'aGVsbG8K\n'], ['echo aGVsbG8K | base64 -d', 'hello\n'], ['printf "%0100d" 0 | base64 | head -1 | wc -c', '77\n'],
    ['echo "@@@" | base64 -d', '', 'base64: invalid input\n', 1], ['echo -n héllo | base64', 'aMOpbGxv\n'],
  ],
  sleep: [['sleep 1; echo ok', 'ok\n'], ['sleep x', '', "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n", 1]],
  test: [
    ['[ -f data.txt ] && echo f', 'f\n'], ['[ -d dir ] && echo d', 'd\n'], ['[ -e nope ] || echo no', 'no\n'], ['[ -z "" ] && [ -n x ] && echo s', 's\n'],
    ['[ a = a ] && [ a != b ] && echo eq', 'eq\n'], ['[ 3 -gt 2 ] && [ 2 -le 2 ] && echo n', 'n\n'], ['test ! -f dir && echo notfile', 'notfile\n'],
    ['[ a = a', '', "bash: [: missing `]'\n", 2], ['[ x -eq 1 ]', '', 'bash: [: x: integer expression expected\n', 2],
    ['[ -f data.txt -a -d dir ] && echo both', 'both\n'],
  ],
  'true/false': [['true; echo $?; false; echo $?; :; echo $?', '0\n1\n0\n']],
  env: [['env | grep ^HOME=', 'HOME=/home/learner\n'], ['env FOO=1 env | grep ^FOO', 'FOO=1\n'], ['export -p | grep " HOME="', 'declare -x HOME="/home/learner"\n']],
  which: [['which ls cat', '/usr/bin/ls\n/usr/bin/cat\n'], ['which nope cd; echo $?', '1\n']],
  'unset/read': [['X=1; unset X; echo "[$X]"', '[]\n'], ['read a b <<< "1 2 3"; echo "$a/$b"', '1/2 3\n'], ['read x < /dev/null; echo $?', '1\n']],
}

describe.each(Object.entries(CASES))('%s', (_family, cases) => {
  it.each(cases)('%s', async (script, stdout, stderr = '', code = 0) => {
    const sh = testShell()
    await runCaptured(sh, SETUP)
    expect(await runCaptured(sh, script)).toEqual({ stdout, stderr, code })
  })
})
