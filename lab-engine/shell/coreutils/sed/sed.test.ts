// sed tests: commands, addresses and GNU sed's messages (expected outputs from GNU sed 4.8 behaviour).
import { describe, expect, it } from 'vitest'
import { runCaptured, testShell } from '../../test-support'

const INPUT = 'one\ntwo\nthree\nfour\n'

async function sed(script: string, stdin = INPUT) {
  return runCaptured(testShell(), script, stdin)
}

describe('sed', () => {
  it.each([
    ["sed 's/o/0/'", '0ne\ntw0\nthree\nf0ur\n'],
    ["sed 's/e/E/g'", 'onE\ntwo\nthrEE\nfour\n'],
    ["sed 's/e/E/2'", 'one\ntwo\nthreE\nfour\n'],
    ["sed 's|t|T|'", 'one\nTwo\nThree\nfour\n'],
    ["sed 's/\\(t\\)\\(w\\)/\\2\\1/'", 'one\nwto\nthree\nfour\n'],
    ["sed -E 's/(o+)/[\\1]/g'", '[o]ne\ntw[o]\nthree\nf[o]ur\n'],
    ["sed 's/.*/<&>/'", '<one>\n<two>\n<three>\n<four>\n'],
    ["sed 's/ONE/1/I'", '1\ntwo\nthree\nfour\n'],
    ["sed -n 's/two/2/p'", '2\n'],
    ["sed -n '2p'", 'two\n'],
    ["sed -n '$p'", 'four\n'],
    ["sed '2,3d'", 'one\nfour\n'],
    ["sed '/two/,/three/d'", 'one\nfour\n'],
    ["sed -n '/t/p'", 'two\nthree\n'],
    ["sed '/t/!d'", 'two\nthree\n'],
    ["sed 2q", 'one\ntwo\n'],
    ["sed -n '3,1p'", 'three\n'],
    ["sed -e 's/one/1/' -e 's/two/2/'", '1\n2\nthree\nfour\n'],
    ["sed 's/o/0/;s/t/T/'", '0ne\nTw0\nThree\nf0ur\n'],
    ["sed '1i top'", 'top\none\ntwo\nthree\nfour\n'],
    ["sed '$a end'", 'one\ntwo\nthree\nfour\nend\n'],
    ["sed '2c TWO'", 'one\nTWO\nthree\nfour\n'],
    ["sed -n '/two/{p;p}'", 'two\ntwo\n'],
    ["sed -n '$='", '4\n'],
    ["sed 's/x*/-/g'", '-o-n-e-\n-t-w-o-\n-t-h-r-e-e-\n-f-o-u-r-\n'],
    ["sed 'y/otw/OTW/'", 'One\nTWO\nThree\nfOur\n'],
  ])('%s', async (script, out) => {
    expect(await sed(script)).toEqual({ stdout: out, stderr: '', code: 0 })
  })

  it('keeps a missing final newline', async () => {
    expect((await sed("sed 's/a/b/'", 'a\na')).stdout).toBe('b\nb')
  })

  it('edits a file in place with -i', async () => {
    const shell = testShell()
    const r = await runCaptured(shell, "printf 'a: 1\\nb: 2\\n' > f.yaml; sed -i 's/: 1/: 9/' f.yaml; cat f.yaml")
    expect(r.stdout).toBe('a: 9\nb: 2\n')
  })

  it('exits with q N', async () => {
    expect((await sed("sed '/two/q 5'")).code).toBe(5)
  })

  it.each([
    ["sed 's/a/b'", "sed: -e expression #1, char 5: unterminated `s' command\n"],
    ["sed 's/a/b/x'", "sed: -e expression #1, char 7: unknown option to `s'\n"],
    ["sed 'k'", "sed: -e expression #1, char 1: unknown command: `k'\n"],
    ["sed '/abc'", 'sed: -e expression #1, char 4: unterminated address regex\n'],
    ["sed 's/a/\\1/'", "sed: -e expression #1, char 8: invalid reference \\1 on `s' command's RHS\n"],
    ["sed '1,2q'", 'sed: -e expression #1, char 4: command only uses one address\n'],
    ["sed 'p x'", 'sed: -e expression #1, char 3: extra characters after command\n'],
    ["sed 'y/ab/x/'", "sed: -e expression #1, char 7: strings for `y' command are different lengths\n"],
    ["sed -e p -e 's/('", "sed: -e expression #2, char 3: unterminated `s' command\n"],
    ["sed -E 's/(a/b/'", 'sed: -e expression #1, char 7: Unmatched ( or \\(\n'],
    ["sed -z p", "sed: invalid option -- 'z'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n"],
    ['sed', 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n'],
  ])('%s reports a GNU error', async (script, err) => {
    expect(await sed(script)).toEqual({ stdout: '', stderr: err, code: 1 })
  })

  it('reports an unreadable file and goes on', async () => {
    const r = await runCaptured(testShell(), "echo hi > a; sed p nope a")
    expect(r).toEqual({ stdout: 'hi\nhi\n', stderr: "sed: can't read nope: No such file or directory\n", code: 2 })
  })

  it('refuses a catastrophic regex', async () => {
    const r = await sed("sed -E 's/(a*)*b/x/'")
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^sed: -e expression #1, char \d+: pattern refused: nested repetition/)
  })
})
