import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../cluster/types'
import { MAX_MOUNTED_FILE_CHARS, normalisePath, volumeDirLister, volumeFileReader, type ObjectLookup } from './volume-files'

const meta = (name: string) => ({ name, namespace: 'web', uid: name, resourceVersion: '1', generation: 1, creationTimestamp: '' })

const OBJECTS: KubeObject[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('nginx-conf'), data: { 'nginx.conf': 'events {}\n', 'mime.types': 'types {}\n' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('site'), data: { 'default.conf': 'server { listen 8443 ssl; }\n' }, binaryData: { 'logo.txt': btoa('bin') } },
  { apiVersion: 'v1', kind: 'Secret', metadata: meta('certs'), data: { 'tls.crt': btoa('-----BEGIN CERTIFICATE-----\ncaf\u00e9'.replace('\u00e9', '\u00c3\u00a9')) }, stringData: { note: 'plain' } },
]

const lookup: ObjectLookup = (kind, ns, name) => OBJECTS.find((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name)

function pod(volumes: unknown[], mounts: unknown[], namespace = 'web'): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { ...meta('p'), namespace },
    spec: { volumes, containers: [{ name: 'app', image: 'nginx', volumeMounts: mounts }, { name: 'other', image: 'busybox' }] },
  }
}

describe('volumeFileReader', () => {
  it('puts every ConfigMap key under the mount path, and nothing else there', () => {
    const read = volumeFileReader(pod([{ name: 'conf', configMap: { name: 'nginx-conf' } }], [{ name: 'conf', mountPath: '/etc/nginx' }]), 'app', lookup)
    expect(read('/etc/nginx/nginx.conf')).toBe('events {}\n')
    expect(read('/etc/nginx//mime.types')).toBe('types {}\n')
    expect(read('/etc/nginx/conf.d/default.conf')).toBeUndefined()
    expect(read('/etc/other/nginx.conf')).toBeUndefined()
  })

  it('projects only the listed items, at their paths', () => {
    const read = volumeFileReader(pod([{ name: 'conf', configMap: { name: 'nginx-conf', items: [{ key: 'nginx.conf', path: 'main/nginx.conf' }] } }], [{ name: 'conf', mountPath: '/cfg' }]), 'app', lookup)
    expect(read('/cfg/main/nginx.conf')).toBe('events {}\n')
    expect(read('/cfg/nginx.conf')).toBeUndefined()
    expect(read('/cfg/mime.types')).toBeUndefined()
  })

  it('places one entry at the mount path with subPath', () => {
    const read = volumeFileReader(pod([{ name: 'conf', configMap: { name: 'site' } }], [{ name: 'conf', mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'default.conf' }]), 'app', lookup)
    expect(read('/etc/nginx/conf.d/default.conf')).toContain('listen 8443 ssl')
    expect(read('/etc/nginx/conf.d/logo.txt')).toBeUndefined()
  })

  it('decodes Secret data and ConfigMap binaryData, and reads Secret stringData as text', () => {
    const read = volumeFileReader(pod(
      [{ name: 'tls', secret: { secretName: 'certs' } }, { name: 'site', configMap: { name: 'site' } }],
      [{ name: 'tls', mountPath: '/etc/certs' }, { name: 'site', mountPath: '/srv' }],
    ), 'app', lookup)
    expect(read('/etc/certs/tls.crt')).toBe('-----BEGIN CERTIFICATE-----\ncaf\u00e9')
    expect(read('/etc/certs/note')).toBe('plain')
    expect(read('/srv/logo.txt')).toBe('bin')
  })

  it('merges projected sources and lets the deepest mount win', () => {
    const read = volumeFileReader(pod(
      [{ name: 'all', projected: { sources: [{ configMap: { name: 'nginx-conf' } }, { secret: { name: 'certs', items: [{ key: 'note', path: 'ssl/note' }] } }] } },
        { name: 'site', configMap: { name: 'site' } }],
      [{ name: 'all', mountPath: '/etc/nginx' }, { name: 'site', mountPath: '/etc/nginx/ssl' }],
    ), 'app', lookup)
    expect(read('/etc/nginx/nginx.conf')).toBe('events {}\n')
    // /etc/nginx/ssl is the site volume now: the projected ssl/note is hidden under it.
    expect(read('/etc/nginx/ssl/note')).toBeUndefined()
    expect(read('/etc/nginx/ssl/default.conf')).toContain('server')
  })

  it('reads only mounts of the named container, ConfigMaps of the pod namespace, and nothing for missing objects', () => {
    const volumes = [{ name: 'conf', configMap: { name: 'nginx-conf' } }, { name: 'gone', configMap: { name: 'missing' } }]
    const mounts = [{ name: 'conf', mountPath: '/etc/nginx' }, { name: 'gone', mountPath: '/gone' }]
    expect(volumeFileReader(pod(volumes, mounts), 'other', lookup)('/etc/nginx/nginx.conf')).toBeUndefined()
    expect(volumeFileReader(pod(volumes, mounts, 'elsewhere'), 'app', lookup)('/etc/nginx/nginx.conf')).toBeUndefined()
    expect(volumeFileReader(pod(volumes, mounts), 'app', lookup)('/gone/x')).toBeUndefined()
  })

  it('caps a file at a ConfigMap\'s size limit', () => {
    const big: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('big'), data: { f: 'x'.repeat(MAX_MOUNTED_FILE_CHARS + 10) } }
    const read = volumeFileReader(pod([{ name: 'b', configMap: { name: 'big' } }], [{ name: 'b', mountPath: '/b' }]), 'app', (k, ns, n) => (n === 'big' ? big : lookup(k, ns, n)))
    expect(read('/b/f')).toHaveLength(MAX_MOUNTED_FILE_CHARS)
  })
})

describe('volumeDirLister', () => {
  it('lists a mounted directory\'s entries and says it hides the image\'s own files', () => {
    const list = volumeDirLister(pod([{ name: 'conf', configMap: { name: 'nginx-conf' } }], [{ name: 'conf', mountPath: '/etc/nginx/conf.d/' }]), 'app', lookup)
    expect(list('/etc/nginx/conf.d')).toEqual({ names: ['mime.types', 'nginx.conf'], replacesImage: true })
    expect(list('/etc/nginx')).toEqual({ names: ['conf.d'], replacesImage: false })
    expect(list('/var/www')).toEqual({ names: [], replacesImage: false })
  })

  it('lists subPath files beside the image\'s files, and item paths in a sub-directory of a mount', () => {
    const list = volumeDirLister(pod(
      [{ name: 'site', configMap: { name: 'site' } }, { name: 'conf', configMap: { name: 'nginx-conf', items: [{ key: 'nginx.conf', path: 'conf.d/main.conf' }] } }],
      [{ name: 'site', mountPath: '/etc/nginx/conf.d/app.conf', subPath: 'default.conf' }, { name: 'conf', mountPath: '/opt/nginx' }],
    ), 'app', lookup)
    expect(list('/etc/nginx/conf.d')).toEqual({ names: ['app.conf'], replacesImage: false })
    expect(list('/opt/nginx/conf.d')).toEqual({ names: ['main.conf'], replacesImage: true })
  })
})

describe('normalisePath', () => {
  it('drops empty and dot segments and climbs on ..', () => {
    expect(normalisePath('/a//b/./c/')).toBe('a/b/c')
    expect(normalisePath('/a/b/../c')).toBe('a/c')
    expect(normalisePath('/../../x')).toBe('x')
  })
})
