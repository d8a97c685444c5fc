// Natural string order, as `kubectl get --sort-by` compares strings.
//
// Follows github.com/fvbommel/sortorder NaturalLess (the comparison kubectl's sorter.go uses
// for string fields): runs of ASCII digits compare as numbers ("pod-2" < "pod-10"), with
// fewer leading zeros first on a tie ("2" < "02"); other characters compare bytewise; a
// digit sorts before a non-digit at the same place; a proper prefix sorts first.
// Code points compare in the same order as their UTF-8 bytes, so we walk code points.

export function naturalLess(a: string, b: string): boolean {
  const s1 = Array.from(a)
  const s2 = Array.from(b)
  let i = 0
  let j = 0
  while (i < s1.length && j < s2.length) {
    const d1 = isDigit(s1[i]!)
    const d2 = isDigit(s2[j]!)
    if (d1 !== d2) return d1
    if (!d1) {
      if (s1[i] !== s2[j]) return s1[i]!.codePointAt(0)! < s2[j]!.codePointAt(0)!
      i++
      j++
      continue
    }
    const n1 = digitRun(s1, i)
    const n2 = digitRun(s2, j)
    if (n1.digits.length !== n2.digits.length) return n1.digits.length < n2.digits.length
    if (n1.digits !== n2.digits) return n1.digits < n2.digits
    if (n1.zeros !== n2.zeros) return n1.zeros < n2.zeros
    i = n1.end
    j = n2.end
  }
  // Identical so far (both indexes moved alike) and one has ended: the shorter sorts first.
  return s1.length < s2.length
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9'
}

/** The number starting at `from`: its leading zeros, its significant digits and where it ends. */
function digitRun(s: readonly string[], from: number): { zeros: number; digits: string; end: number } {
  let k = from
  while (k < s.length && s[k] === '0') k++
  const zeros = k - from
  let digits = ''
  while (k < s.length && isDigit(s[k]!)) digits += s[k++]
  return { zeros, digits, end: k }
}
