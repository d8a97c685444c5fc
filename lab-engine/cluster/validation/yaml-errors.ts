// YAML error wording: the yaml package's error codes told in go-yaml's words, as kubectl prints them.
//
// go-yaml (gopkg.in/yaml, used by sigs.k8s.io/yaml inside kubectl) phrases its
// scanner errors as "mapping values are not allowed in this context", "found
// character that cannot start any token", "did not find expected key", ...

import type { YAMLError } from 'yaml'

const BY_CODE: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: 'mapping values are not allowed in this context',
  MULTILINE_IMPLICIT_KEY: 'mapping values are not allowed in this context',
  TAB_AS_INDENT: 'found character that cannot start any token',
  BAD_INDENT: 'did not find expected key',
  BAD_SCALAR_START: 'found character that cannot start any token',
  UNEXPECTED_TOKEN: 'did not find expected key',
  MISSING_CHAR: 'did not find expected node content',
  ALIAS_PROPS: 'did not find expected alphabetic or numeric character',
  BAD_ALIAS: 'unknown anchor referenced',
  DUPLICATE_KEY: 'mapping key already defined',
}

/** go-yaml's phrase for the error, or the yaml package's own first sentence when there is no match. */
export function goYamlReason(err: YAMLError): string {
  const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
  if (/flow (sequence|mapping)/i.test(msg) && /\]|\}/.test(msg)) return `did not find expected ',' or '${msg.includes(']') ? ']' : '}'}'`
  if (/closing "?quote|Missing closing/i.test(msg)) return 'found unexpected end of stream'
  return BY_CODE[err.code] ?? lowerFirst(msg)
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1)
}
