import { describe, expect, it } from 'vitest'
import { flaskPrettyJson, goIndentJson, pyDumps, sortedObject } from './json-format'

describe('JSON formats', () => {
  it("pyDumps matches Python's json.dumps defaults, non-ASCII escaped", () => {
    expect(pyDumps({ b: [1, 2], a: 'é', c: null, d: {} })).toBe('{"b": [1, 2], "a": "\\u00e9", "c": null, "d": {}}')
  })

  it("flaskPrettyJson sorts keys, indents by 2 and leaves Flask 1.x's trailing spaces", () => {
    expect(flaskPrettyJson({ url: 'u', args: {}, headers: { Host: 'h', Accept: '*/*' } })).toBe(
      '{\n  "args": {}, \n  "headers": {\n    "Accept": "*/*", \n    "Host": "h"\n  }, \n  "url": "u"\n}\n',
    )
  })

  it("goIndentJson keeps field order and ends with the Encoder's newline", () => {
    expect(goIndentJson({ z: ['a'], a: {} })).toBe('{\n  "z": [\n    "a"\n  ],\n  "a": {}\n}\n')
  })

  it('sortedObject orders keys bytewise as Go sorts map keys', () => {
    expect(Object.keys(sortedObject([['b', 1], ['X-B', 2], ['A', 3]]))).toEqual(['A', 'X-B', 'b'])
  })
})
