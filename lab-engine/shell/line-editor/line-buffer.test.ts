// LineBuffer tests: a table of (text, cursor, operation) -> resulting text and cursor, as readline edits.
import { describe, expect, it } from 'vitest'
import { LineBuffer } from './line-buffer'

type Op = (b: LineBuffer) => void
const CASES: [name: string, text: string, cursor: number, op: Op, after: string, cursorAfter: number][] = [
  ['insert in the middle', 'ac', 1, (b) => b.insert('b'), 'abc', 2],
  ['left stops at 0', 'a', 0, (b) => b.left(), 'a', 0],
  ['right stops at end', 'a', 1, (b) => b.right(), 'a', 1],
  ['home', 'abc', 2, (b) => b.home(), 'abc', 0],
  ['end', 'abc', 0, (b) => b.end(), 'abc', 3],
  ['backspace', 'abc', 2, (b) => b.backspace(), 'ac', 1],
  ['backspace at 0', 'abc', 0, (b) => b.backspace(), 'abc', 0],
  ['delete', 'abc', 1, (b) => b.deleteChar(), 'ac', 1],
  ['delete at end', 'abc', 3, (b) => b.deleteChar(), 'abc', 3],
  ['ctrl-k', 'kubectl get pods', 7, (b) => b.killToEnd(), 'kubectl', 7],
  ['ctrl-u', 'kubectl get pods', 8, (b) => b.killToStart(), 'get pods', 0],
  ['ctrl-w one word', 'kubectl get pods', 16, (b) => b.killWordBack(), 'kubectl get ', 12],
  ['ctrl-w skips trailing spaces', 'kubectl get  ', 13, (b) => b.killWordBack(), 'kubectl ', 8],
  ['ctrl-w keeps punctuation in the word', 'cat a/b.yaml', 12, (b) => b.killWordBack(), 'cat ', 4],
  ['word-left', 'cat a/b.yaml', 12, (b) => b.wordLeft(), 'cat a/b.yaml', 8],
  ['word-right', 'cat a/b', 0, (b) => b.wordRight(), 'cat a/b', 3],
  ['replace', 'cat sam', 7, (b) => b.replace(4, 7, 'samples/'), 'cat samples/', 12],
]

describe('LineBuffer', () => {
  it.each(CASES)('%s', (_name, text, cursor, op, after, cursorAfter) => {
    const b = new LineBuffer(text, cursor)
    op(b)
    expect({ text: b.text, cursor: b.cursor }).toEqual({ text: after, cursor: cursorAfter })
  })
})
