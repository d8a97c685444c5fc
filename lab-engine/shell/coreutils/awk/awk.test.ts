// awk tests: the POSIX awk features learners use, over kubectl-like input, and the error reports.
import { describe, expect, it } from 'vitest'
import { runCaptured, testShell } from '../../test-support'

const PODS = [
  'NAME                      READY   STATUS    RESTARTS   AGE',
  'details-v1-5f4d584748-abc   2/2     Running   0          5m',
  'reviews-v1-7d8c8f7d9-def    2/2     Running   12         5m',
  'ratings-v1-85c74b6cb4-ghi   1/2     Pending   3          1m',
].join('\n') + '\n'

async function awk(script: string, stdin = PODS) {
  return runCaptured(testShell(), script, stdin)
}

describe('awk', () => {
  it.each([
    ["awk '{print $1}'", 'NAME\ndetails-v1-5f4d584748-abc\nreviews-v1-7d8c8f7d9-def\nratings-v1-85c74b6cb4-ghi\n'],
    ["awk 'NR==2 {print $3}'", 'Running\n'],
    ["awk 'NR>1 && $4 > 10 {print $1}'", 'reviews-v1-7d8c8f7d9-def\n'],
    ["awk '/Pending/ {print $1, $NF}'", 'ratings-v1-85c74b6cb4-ghi 1m\n'],
    ["awk '$3 != \"Running\"' ", PODS.split('\n')[0] + '\n' + PODS.split('\n')[3] + '\n'],
    ["awk 'NR>1 {n++} END {print n}'", '3\n'],
    ["awk 'NR>1 {s += $4} END {print \"total\", s}'", 'total 15\n'],
    ["awk '{print NF}' | sort -u", '5\n'],
    ["awk -v OFS=, 'NR==1 {print $1, $2}'", 'NAME,READY\n'],
    ["awk 'NR>1 {split($2, a, \"/\"); print a[1] + a[2]}'", '4\n4\n3\n'],
    ["awk 'NR>1 {c[$3]++} END {for (k in c) print k, c[k]}' | sort", 'Pending 1\nRunning 2\n'],
    ["awk 'NR==2 {print length($1), substr($1, 1, 7), toupper(substr($3, 1, 3))}'", '25 details RUN\n'],
    ["awk 'NR==2 {sub(/-v1.*/, \"\", $1); print $1}'", 'details\n'],
    ["awk 'NR>1 {n = gsub(/[0-9]/, \"#\"); print n}'", '13\n11\n11\n'],
    ["awk 'NR>1 { if ($4 > 5) print \"hot\"; else print \"ok\" }'", 'ok\nhot\nok\n'],
    ["awk 'NR==1 {next} {print NR}'", '2\n3\n4\n'],
    ["awk 'NR>1 {printf \"%-8s|%5.1f|%03d\\n\", substr($1,1,6), $4/4, $4}'", 'detail  |  0.0|000\nreview  |  3.0|012\nrating  |  0.8|003\n'],
    ["awk 'BEGIN {x = \"a\" \"b\" 1 + 2; print x}'", 'ab3\n'],
    ["awk 'BEGIN {print 7/2, 2^10, -3 % 2, 1e3, 0.1 + 0.2}'", '3.5 1024 -1 1000 0.3\n'],
    ["awk 'BEGIN {print index(\"hello\", \"ll\"), match(\"xxabc\", /ab+/), RSTART, RLENGTH}'", '3 3 3 2\n'],
    ["awk 'BEGIN {while (i < 3) i++; print i; do j += 2; while (j < 5); print j}'", '3\n6\n'],
    ["awk 'BEGIN {for (i = 0; i < 10; i++) { if (i == 3) break; s = s i }; print s}'", '012\n'],
    ["awk -F: '{print $2}'", 'b=c\n'],
    ["awk -F'[:=]' '{print $3}'", 'c\n'],
    ["awk '/^a/,/^c/ {print}'", 'a:b=c\n'],
    ["awk 'BEGIN {a[\"x\"]; delete a[\"x\"]; print length(a), (\"x\" in a)}'", '0 0\n'],
    ["awk '$1 == \"10\"'", ''],
    ["awk 'BEGIN {print substr(\"hello\", 0, 2), substr(\"hello\", 4)}'", 'h lo\n'],
    ["awk 'BEGIN {exit 3} END {print \"end\"}'; echo $?", 'end\n3\n'],
    ["awk 'BEGIN { print \"x\" | \"sort\" }' 2>/dev/null; echo $?", '2\n'],
  ])('%s', async (script, out) => {
    const stdin = /-F|\^a/.test(script) ? 'a:b=c\n' : /"10"/.test(script) ? '10.0\n' : PODS
    const r = await awk(script, stdin)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(out)
  })

  it('writes print > file to the VFS: truncating once, then appending; >> appends', async () => {
    const shell = testShell()
    await runCaptured(shell, 'echo old > out.txt; echo keep > log.txt')
    const r = await runCaptured(shell, "awk '{ print $1 > \"out.txt\"; print NR >> \"log.txt\" } END { printf \"%s\\n\", \"done\" > \"/dev/stderr\" }'", 'a 1\nb 2\n')
    expect(r).toEqual({ stdout: '', stderr: 'done\n', code: 0 })
    expect((await runCaptured(shell, 'cat out.txt log.txt')).stdout).toBe('a\nb\nkeep\n1\n2\n')
    const bad = await runCaptured(shell, "awk 'BEGIN { print 1 > \"nodir/x\" }'")
    expect(bad).toEqual({ stdout: '', stderr: "awk: can't redirect to nodir/x\n", code: 2 })
  })

  it('compares fields numerically when both look numeric', async () => {
    expect((await awk("awk '$1 == 10 {print \"num\"}'", '10.0\n')).stdout).toBe('num\n')
    expect((await awk("awk '$1 < $2 {print \"lt\"}'", '9 10\n')).stdout).toBe('lt\n')
    expect((await awk("awk '$1 < $2 {print \"lt\"}'", 'b a\n')).stdout).toBe('')
  })

  it('reads files from the VFS and reports missing ones', async () => {
    const shell = testShell()
    const r = await runCaptured(shell, "printf '1\\n2\\n' > n.txt; awk '{s+=$1} END {print s, FILENAME}' n.txt")
    expect(r.stdout).toBe('3 n.txt\n')
    const missing = await runCaptured(shell, "awk '{print}' nope")
    expect(missing).toEqual({ stdout: '', stderr: "awk: can't open file nope\n source line number 1\n", code: 2 })
  })

  it('reports a syntax error like one-true-awk', async () => {
    const r = await awk("awk '{print $1'")
    expect(r).toEqual({ stdout: '', code: 2, stderr: 'awk: syntax error at source line 1\n context is\n\t{print $1 >>>  <<< \nawk: bailing out at source line 1\n' })
  })

  it.each([
    ["awk 'BEGIN {print 1/0}'", 'awk: division by zero\n'],
    ["awk 'BEGIN {while (1) x++}'", 'awk: program stopped after 2000000 steps\n'],
    ["awk 'BEGIN {$200000 = 1}'", 'awk: trying to access out of range field 200000\n'],
    ["awk 'BEGIN {system(\"ls\")}'", 'awk: system() is not available in this shell\n'],
    ["awk 'BEGIN {next}'", "awk: `next' used in BEGIN action\n"],
    ["awk '{break}'", "awk: `break' is not allowed outside a loop\n"],
    ["awk '$0 ~ \"(a+)+$\"'", 'awk: pattern refused: nested repetition (like (a+)+) can take exponential time\n source: /(a+)+$/\n'],
  ])('stops %s with an error', async (script, err) => {
    const r = await awk(script, 'aaaa\n')
    expect(r.stderr).toBe(err)
    expect(r.code).toBe(2)
  })

  it('prints usage without a program', async () => {
    expect(await awk('awk')).toEqual({ stdout: '', stderr: 'usage: awk [-F fs][-v var=value][-safe][-V] [prog | -f progfile][file ...]\n', code: 2 })
  })
})
