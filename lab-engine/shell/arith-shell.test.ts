// Arithmetic in the shell: `$((...))`, `((...))`, `let` and `for ((...))` -> stdout, stderr and status as bash gives them.
import { describe, expect, it } from 'vitest'
import { MAX_LOOP_ITERATIONS } from './control'
import { runCaptured, testShell } from './test-support'

type Case = [name: string, script: string, stdout: string, stderr?: string, code?: number]

const CASES: Case[] = [
  ['expansion', 'echo $((40+2))', '42\n'],
  ['counter loop', 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i', '3\n'],
  ['$x and bare x, post-increment assigns', 'x=5; echo $(( $x * 2 )) $((x++)) $x', '10 5 6\n'],
  ['inside double quotes', 'echo "n=$((1 + 1))"', 'n=2\n'],
  ['command substitution inside', 'echo $(( $(echo 3) + 1 ))', '4\n'],
  ['${...} inside', 'n=7; echo $(( ${n} % 4 ))', '3\n'],
  ['unset variable is 0', 'echo $((nope + 1))', '1\n'],
  ['value as an expression', 'a="2 + 3"; echo $((a * 2)) $(($a * 2))', '10 8\n'],
  ['assignment in expansion', 'echo $((y = 4 * 2)); echo $y', '8\n8\n'],
  ['negative result is one field', 'for f in $((3 - 5)); do echo "[$f]"; done', '[-2]\n'],
  ['nested expansions', 'echo $(( $((1 + 1)) * 3 ))', '6\n'],
  ['in a heredoc', 'n=4\ncat <<EOF\nnext: $((n + 1))\nEOF', 'next: 5\n'],
  ['after multi-byte text', 'echo "é ü $((2 * 21))"', 'é ü 42\n'],
  ['comparison against $n', 'n=3; i=1; (( i < $n )) && echo less', 'less\n'],
  ['bases', 'echo $((0x10)) $((010)) $((2#11)) $((16#ff))', '16 8 3 255\n'],
  ['(( )) true and false', '((2 > 1)) && echo yes; ((0)); echo $?', 'yes\n1\n'],
  ['(( )) assigns', 'n=1; ((n *= 10)); echo $n', '10\n'],
  ['(( )) in if', 'x=3; if (( x % 2 == 1 )); then echo odd; fi', 'odd\n'],
  ['let', 'let i=1+2 j=i*2; echo $i $j; let 0; echo $?', '3 6\n1\n'],
  ['let with a quoted expression', 'let "k = 3 * (1 + 1)"; echo $k', '6\n'],
  ['C-style for', 'for ((i=0; i<3; i++)); do echo $i; done', '0\n1\n2\n'],
  ['C-style for with continue and break', 'for ((i=0; ; i++)); do ((i == 1)) && continue; ((i > 3)) && break; echo $i; done', '0\n2\n3\n'],
  ['division by 0', 'echo $((1/0)); echo "status $?"', 'status 1\n', 'bash: 1/0: division by 0 (error token is "0")\n'],
  ['operand expected from a variable', 'x="1 +"; echo $((x))', '', 'bash: 1 +: syntax error: operand expected (error token is "+")\n', 1],
  ['(( )) error names the command', '((1/0))', '', 'bash: ((: 1/0: division by 0 (error token is "0")\n', 1],
  ['let error names the command', 'let 5/0', '', 'bash: let: 5/0: division by 0 (error token is "0")\n', 1],
  ['invalid number', 'echo $((09))', '', 'bash: 09: value too great for base (error token is "09")\n', 1],
  ['C-style for counts toward the loop cap', 'for ((;;)); do :; done', '', `bash: loop iteration limit exceeded (${MAX_LOOP_ITERATIONS} iterations); stopped\n`, 1],
]

describe('arithmetic in the shell', () => {
  it.each(CASES)('%s', async (_name, script, stdout, stderr = '', code = 0) => {
    expect(await runCaptured(testShell(), script)).toEqual({ stdout, stderr, code })
  })

  it('variables set by arithmetic persist between runs', async () => {
    const sh = testShell()
    await runCaptured(sh, 'c=0; ((c++)); let c+=5')
    expect(await runCaptured(sh, 'echo $c')).toEqual({ stdout: '6\n', stderr: '', code: 0 })
  })
})
