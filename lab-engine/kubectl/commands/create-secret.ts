// kubectl create secret generic | tls | docker-registry: the Secret generators, values base64-encoded into data.
//
// Follows k8s.io/kubectl/pkg/cmd/create (create_secret.go: --from-literal key=value,
// --from-file [key=]path with the file's base name as key and a directory adding
// each regular file, --type; create_secret_tls.go: `key and cert must be
// specified`, type kubernetes.io/tls with tls.crt/tls.key;
// create_secret_docker.go: .dockerconfigjson with an auths entry per server,
// default server https://index.docker.io/v1/).
// Assumptions: a missing --from-file path reports `stat PATH: no such file or
// directory` (os.Stat's error); a cert/key without PEM blocks reports Go's
// tls.X509KeyPair wording.

import type { ObjectInput } from '../../cluster/types'
import { basename, resolvePath } from '../../shell/vfs'
import { KubectlError, type VerbContext } from './context'
import { flag, flagAll } from './flags'

export const SECRET_FLAGS = [
  { name: 'from-file', value: true, repeat: true }, { name: 'type', value: true }, { name: 'cert', value: true }, { name: 'key', value: true },
  { name: 'docker-server', value: true }, { name: 'docker-username', value: true }, { name: 'docker-password', value: true }, { name: 'docker-email', value: true },
  { name: 'append-hash' },
]

/** `kubectl create secret` without a type: cobra prints the parent command's help and exits 0. */
export const SECRET_HELP = `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`

const KEY_PATTERN = /^[-._a-zA-Z0-9]+$/

/** Base64 of a string's UTF-8 bytes, as the API stores Secret data. */
export function base64(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

export const SECRET_GENERATORS: Record<string, (ctx: VerbContext, name: string) => ObjectInput> = {
  generic, tls, 'docker-registry': dockerRegistry,
}

function secret(ctx: VerbContext, name: string, type: string, data: Record<string, string>): ObjectInput {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ctx.namespace }, ...(Object.keys(data).length ? { data } : {}), type }
}

function generic(ctx: VerbContext, name: string): ObjectInput {
  const data: Record<string, string> = {}
  const put = (key: string, value: string) => {
    if (!KEY_PATTERN.test(key)) throw new KubectlError(`"${key}" is not a valid key name for a Secret: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`)
    if (key in data) throw new KubectlError(`cannot add key ${key}, another key by that name already exists in Data for Secret "${name}"`)
    data[key] = base64(value)
  }
  for (const lit of flagAll(ctx.flags, 'from-literal')) {
    const eq = lit.indexOf('=')
    if (eq <= 0) throw new KubectlError(`invalid literal source ${lit}, expected key=value`)
    put(lit.slice(0, eq), lit.slice(eq + 1))
  }
  for (const source of flagAll(ctx.flags, 'from-file')) for (const [k, v] of fileSource(ctx, source)) put(k, v)
  return secret(ctx, name, flag(ctx.flags, 'type') ?? 'Opaque', data)
}

/** `[key=]path`: a file under its base name (or key), or every regular file of a directory. */
function fileSource(ctx: VerbContext, source: string): [string, string][] {
  const eq = source.indexOf('=')
  const [key, path] = eq < 0 ? [undefined, source] : [source.slice(0, eq), source.slice(eq + 1)]
  if (key === '' || path === '') throw new KubectlError(`key names or file paths cannot contain '='`)
  const abs = resolvePath(ctx.shell.cwd, path)
  const vfs = ctx.shell.vfs
  if (vfs.isFile(abs)) return [[key ?? basename(abs), vfs.readFile(abs)]]
  if (!vfs.isDir(abs)) throw new KubectlError(`stat ${path}: no such file or directory`)
  if (key !== undefined) throw new KubectlError(`cannot give a key name for a directory path`)
  return vfs.readdir(abs).sort().filter((n) => vfs.isFile(`${abs}/${n}`)).map((n) => [n, vfs.readFile(`${abs}/${n}`)])
}

function readPem(ctx: VerbContext, path: string): string {
  const abs = resolvePath(ctx.shell.cwd, path)
  if (!ctx.shell.vfs.isFile(abs)) throw new KubectlError(`open ${path}: no such file or directory`)
  return ctx.shell.vfs.readFile(abs)
}

function tls(ctx: VerbContext, name: string): ObjectInput {
  const certPath = flag(ctx.flags, 'cert')
  const keyPath = flag(ctx.flags, 'key')
  if (!certPath || !keyPath) throw new KubectlError('key and cert must be specified')
  const cert = readPem(ctx, certPath)
  const key = readPem(ctx, keyPath)
  if (!cert.includes('-----BEGIN CERTIFICATE-----')) throw new KubectlError('tls: failed to find any PEM data in certificate input')
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) throw new KubectlError('tls: failed to find any PEM data in key input')
  return secret(ctx, name, 'kubernetes.io/tls', { 'tls.crt': base64(cert), 'tls.key': base64(key) })
}

function dockerRegistry(ctx: VerbContext, name: string): ObjectInput {
  const username = flag(ctx.flags, 'docker-username') ?? ''
  const password = flag(ctx.flags, 'docker-password') ?? ''
  if (flagAll(ctx.flags, 'from-file').length === 0 && (!username || !password)) {
    throw new KubectlError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required')
  }
  const server = flag(ctx.flags, 'docker-server') ?? 'https://index.docker.io/v1/'
  const email = flag(ctx.flags, 'docker-email')
  const entry = { username, password, ...(email ? { email } : {}), auth: base64(`${username}:${password}`) }
  return secret(ctx, name, 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': base64(JSON.stringify({ auths: { [server]: entry } })) })
}
