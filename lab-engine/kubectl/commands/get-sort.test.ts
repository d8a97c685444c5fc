// kubectl get --sort-by: sorter.go's comparisons, its missing-key and error rules, and what each output path prints.
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../cluster/types'
import { isLess, relaxedJsonPath, SortFatal, sortList, sortTables } from './get-sort'
import { naturalLess } from './natural-less'
import { compareQuantities, parseQuantity } from './quantity'
import { run } from './script.test-util'

function obj(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, ...extra } as KubeObject
}

function withRv(name: string, resourceVersion: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion } } as KubeObject
}

const names = (list: readonly KubeObject[] | null) => list?.map((o) => o.metadata.name) ?? null


describe('natural order', () => {
  it.each([
    ['pod-2', 'pod-10', true],
    ['pod-10', 'pod-2', false],
    ['2', '02', true],
    ['02', '2', false],
    ['ab1', 'abc1', true],
    ['a', 'ab', true],
    ['ab', 'ab', false],
    ['B', 'a', true],
    ['10.244.0.5', '10.244.0.12', true],
    ['2026-01-01T09:00:00Z', '2026-01-01T10:00:00Z', true],
    ['é', 'z', false],
  ])('%s < %s is %s', (a, b, want) => {
    expect(naturalLess(a, b)).toBe(want)
  })
})

describe('quantities', () => {
  const cmp = (a: string, b: string) => compareQuantities(parseQuantity(a)!, parseQuantity(b)!)
  it.each([
    ['500Ki', '100Mi', -1], ['100Mi', '1Gi', -1], ['1k', '1000', 0], ['1Ki', '1k', 1], ['250m', '0.25', 0],
    ['1e3', '1k', 0], ['1.5G', '1500M', 0], ['-1', '0', -1], ['0.1n', '1n', 0], ['-0.1n', '-1n', 0], ['8Ei', '9223372036854775807', 0],
  ])('%s vs %s is %i', (a, b, want) => {
    expect(cmp(a, b)).toBe(want)
  })

  it('refuses what ParseQuantity refuses and keeps its quirks', () => {
    for (const bad of ['', 'abc', 'Running', '10.244.0.5', '2026-01-01T00:00:00Z', '1.2.3', '5e', '1K']) expect(parseQuantity(bad), bad).toBeUndefined()
    for (const zero of ['-', 'm', '.', '0']) expect(cmp(zero, '0'), zero).toBe(0)
  })
})

describe('isLess', () => {
  it('compares numbers, strings and nulls, and names what cannot be compared', () => {
    expect(isLess(1, 2)).toBe(true)
    expect(isLess(0.5, 0.25)).toBe(false)
    expect(isLess(1, 0.5)).toBe('unsortable interface: interface')
    expect(isLess('a', 1)).toBe('unsortable interface: interface')
    expect(isLess(null, 'x')).toBe(true)
    expect(isLess('x', null)).toBe(false)
    expect(isLess(null, null)).toBe(false)
    expect(isLess(true, false)).toBe('unsortable type: bool')
    expect(isLess({ a: 1 }, { a: 2 })).toBe('unsortable type: map[string]interface {}')
    expect(isLess(['a'], ['b'])).toBe('unsortable type: []interface {}')
    expect(isLess('10', '9')).toBe(false)
    // kubectl parses only the first side strictly: a quantity against a word compares with zero.
    expect(isLess('-5', 'abc')).toBe(true)
    expect(isLess('abc', '-5')).toBe(false)
  })
})

describe('relaxed JSONPath', () => {
  it.each(['.metadata.name', 'metadata.name', '{metadata.name}', '{.metadata.name}'])('%s', (expr) => {
    expect(relaxedJsonPath(expr)).toBe('{.metadata.name}')
  })

  it('refuses two expressions', () => {
    expect(() => relaxedJsonPath('{.metadata.namespace}{.metadata.name}')).toThrow("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
  })
})

describe('sortList', () => {
  it('orders by the first result and puts objects without the key first, the missing ones reversed as Go insertion-sorts them', () => {
    const list = [obj('c', { n: 3 }), obj('x'), obj('a', { n: 1 }), obj('y'), obj('b', { n: 2 })]
    expect(names(sortList(list, '.n'))).toEqual(['y', 'x', 'a', 'b', 'c'])
  })

  it('keeps ties in list order and sorts long lists too', () => {
    const list = Array.from({ length: 30 }, (_, i) => obj(`o${i}`, { n: (i * 7) % 5 }))
    const sorted = sortList(list, '{.n}')
    const keys = sorted.map((o) => (o as unknown as { n: number }).n)
    expect(keys).toEqual([...keys].sort((a, b) => a - b))
    for (let i = 1; i < sorted.length; i++) {
      if (keys[i] === keys[i - 1]) expect(Number(sorted[i]!.metadata.name.slice(1))).toBeGreaterThan(Number(sorted[i - 1]!.metadata.name.slice(1)))
    }
  })

  it('errors when no object has the key, or the path fails before one is found', () => {
    expect(() => sortList([obj('a'), obj('b')], '.spec.x')).toThrow('couldn\'t find any field with path "{.spec.x}" in the list of objects')
    expect(() => sortList([obj('a', { l: [] }), obj('b', { l: [1] })], '.l[0]')).toThrow('array index out of bounds: index 0, length 0')
    expect(() => sortList([obj('a')], '.spec[')).toThrow('unterminated array')
    expect(sortList([], '.spec.x')).toEqual([])
  })

  it('is fatal, as klog.Fatalf, when values cannot be compared or a later path fails', () => {
    expect(() => sortList([obj('a', { v: true }), obj('b', { v: false })], '.v')).toThrow(SortFatal)
    expect(() => sortList([obj('a', { l: [1] }), obj('b', { l: [] })], '.l[0]')).toThrow(/^Failed to get i values for &unstructured.Unstructured\{Object:map\[string\]interface \{\}\{"apiVersion":"v1".* using \{\.l\[0\]\} \(&errors.errorString\{s:"array index out of bounds: index 0, length 0"\}\)$/)
  })
})

describe('sortTables', () => {
  const table = (rows: KubeObject[], tableRv = '20') => ({ rows, tableRv })

  it('sorts each table alone, drops a table none of whose rows has the key, and leaves one-row tables as they are', () => {
    const rows = [withRv('b', '12'), withRv('a', '9')]
    expect(sortTables([table(rows)], '.metadata.resourceVersion').map(names)).toEqual([['a', 'b']])
    expect(sortTables([table(rows)], '.nope')).toEqual([null])
    expect(sortTables([table([obj('z')])], '.nope').map(names)).toEqual([['z']])
  })

  it('with several tables, first sorts the Table objects: a key they lack is an error, one they have can reorder them', () => {
    expect(() => sortTables([table([obj('a')]), table([obj('b')])], '.metadata.name')).toThrow('couldn\'t find any field with path "{.metadata.name}" in the list of objects')
    expect(sortTables([table([obj('a')])], '.metadata.name').map(names)).toEqual([['a']])
    // A GET by name returns a Table with the object's resourceVersion.
    const byName = [table([withRv('b', '12')], '12'), table([withRv('a', '9')], '9')]
    expect(sortTables(byName, '.metadata.resourceVersion').map(names)).toEqual([['a'], ['b']])
    expect(sortTables(byName, '.kind').map(names)).toEqual([['b'], ['a']])
  })
})

const CONFIGMAPS = `kubectl apply -f - <<EOF
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: ConfigMap, metadata: {name: web-10, labels: {t: s}}, data: {size: 100Mi, n: "10"}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: web-2, labels: {t: s}}, data: {size: 1Gi, n: "2"}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: web-1, labels: {t: s}}, data: {size: 500Ki}}
EOF`

const APPLIED = `$ kubectl apply -f - <<EOF
configmap/web-10 created
configmap/web-2 created
configmap/web-1 created
`

describe('kubectl get --sort-by', () => {
  it('sorts tables, names and lists by the field', async () => {
    const out = await run(`${CONFIGMAPS}
kubectl get cm -l t=s --sort-by=.data.size
kubectl get cm -l t=s -o name --sort-by='{.metadata.name}'
kubectl get cm -l t=s -o name --sort-by=data.n
kubectl get cm -l t=s -o jsonpath='{.items[*].metadata.name}' --sort-by=.data.size`)
    expect(out).toBe(`${APPLIED}$ kubectl get cm -l t=s --sort-by=.data.size
NAME     DATA   AGE
web-1    1      0s
web-10   2      0s
web-2    2      0s
$ kubectl get cm -l t=s -o name --sort-by='{.metadata.name}'
configmap/web-1
configmap/web-2
configmap/web-10
$ kubectl get cm -l t=s -o name --sort-by=data.n
configmap/web-1
configmap/web-2
configmap/web-10
$ kubectl get cm -l t=s -o jsonpath='{.items[*].metadata.name}' --sort-by=.data.size
web-1 web-10 web-2`)
  })

  it('prints kubectl\'s errors: a table with no such field prints nothing, a list errors, several types error first', async () => {
    const out = await run(`${CONFIGMAPS}
kubectl get cm -l t=s --sort-by=.data.nope
kubectl get cm -l t=s -o json --sort-by=.data.nope
kubectl get cm,svc --sort-by=.metadata.name
kubectl get cm -l t=s -o custom-columns=N:.metadata.name --sort-by='{.metadata.name}{.data.n}'
kubectl get cm web-2 -o name --sort-by=.data.nope
kubectl get cm -l t=s -o name --sort-by=.data`)
    expect(out).toBe(`${APPLIED}$ kubectl get cm -l t=s --sort-by=.data.nope
! No resources found in default namespace.
$ kubectl get cm -l t=s -o json --sort-by=.data.nope
! error: couldn't find any field with path "{.data.nope}" in the list of objects
[exit 1]
$ kubectl get cm,svc --sort-by=.metadata.name
! error: couldn't find any field with path "{.metadata.name}" in the list of objects
[exit 1]
$ kubectl get cm -l t=s -o custom-columns=N:.metadata.name --sort-by='{.metadata.name}{.data.n}'
! error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'
[exit 1]
$ kubectl get cm web-2 -o name --sort-by=.data.nope
configmap/web-2
$ kubectl get cm -l t=s -o name --sort-by=.data
! F0101 00:00:00.000000       1 sorter.go:260] Field {.data} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: map[string]interface {}
[exit 255]
`)
  })

  it('names asked for print as separate tables: sorted by the Table objects\' fields, not the rows\'', async () => {
    const out = await run(`${CONFIGMAPS}
kubectl get cm web-2 web-10 --sort-by=.metadata.resourceVersion
kubectl get cm web-2 web-10 --sort-by=.metadata.name
kubectl get cm web-2 web-10 -o name --sort-by=.metadata.name`)
    expect(out).toBe(`${APPLIED}$ kubectl get cm web-2 web-10 --sort-by=.metadata.resourceVersion
NAME     DATA   AGE
web-10   2      0s
web-2    2      0s
$ kubectl get cm web-2 web-10 --sort-by=.metadata.name
! error: couldn't find any field with path "{.metadata.name}" in the list of objects
[exit 1]
$ kubectl get cm web-2 web-10 -o name --sort-by=.metadata.name
configmap/web-2
configmap/web-10
`)
  })

  it('sorts pods across namespaces with -A, by creation time, and ignores the flag (with a warning) when watching', async () => {
    const out = await run(`kubectl run b --image=nginx
sleep 2
kubectl run a --image=nginx
kubectl get pods -A --sort-by=.metadata.creationTimestamp -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name | sed -n '2p;$p'
kubectl get pods --sort-by=.metadata.creationTimestamp --no-headers -o custom-columns=NAME:.metadata.name
kubectl get pods -w --watch-only --sort-by=.metadata.name --request-timeout=1s`)
    // b was created with the cluster's own pods and keeps its place among them (ties keep list order); a came 2s later.
    expect(out).toContain(`NAME:.metadata.name | sed -n '2p;$p'
default              b
default              a
$ kubectl get pods --sort-by=.metadata.creationTimestamp --no-headers -o custom-columns=NAME:.metadata.name
b
a
$ kubectl get pods -w --watch-only --sort-by=.metadata.name --request-timeout=1s`)
    expect(out).toContain('! warning: --watch or --watch-only requested, --sort-by will be ignored')
  })
})
