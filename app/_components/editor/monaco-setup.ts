// Monaco with YAML language support, set up once per page: workers, monaco-yaml and the Kubernetes/Istio schema.
//
// Only ManifestEditor imports this, with import(): the module pages never
// download Monaco. Everything comes from the installed packages, built by Next
// (ENVIRONMENT.md "Next.js": monaco-editor 0.55 + monaco-yaml 5.5): the two
// workers from `new URL(..., import.meta.url)` and the schema as a JSON chunk
// whose name carries its content hash, so the browser caches it for good and
// nothing is fetched from a CDN. We load the editor API with the editor's
// features and the YAML grammar only, not editor.main (every language, ~4x the size).
import 'monaco-editor/esm/vs/editor/editor.all.js'
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js'
import { createWebWorker as createLabelledWorker } from 'monaco-editor/esm/vs/common/workers.js'
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js'
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml'
import { isManifestPath } from './manifest-path'

export type Monaco = typeof monaco
export type CodeEditor = monaco.editor.IStandaloneCodeEditor

/** The schema's identity in hovers and in the YAML worker. */
const SCHEMA_URI = 'https://mesh-dojo.invalid/schemas/kubernetes-istio.json'

type WorkerEnv = { MonacoEnvironment?: { getWorker(moduleId: string, label: string): Worker } }

let ready: Promise<Monaco> | null = null

/** Monaco, with monaco-yaml configured; the first call starts the workers and loads the schema. */
export function loadMonaco(): Promise<Monaco> {
  ready ??= setUp().catch((err: unknown) => {
    ready = null
    throw err
  })
  return ready
}

async function setUp(): Promise<Monaco> {
  ;(self as WorkerEnv).MonacoEnvironment = {
    getWorker(_moduleId, label) {
      if (label === 'yaml') return new Worker(new URL('monaco-yaml/yaml.worker', import.meta.url))
      return new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker.js', import.meta.url))
    },
  }
  const { default: schema } = await import('@/lib/editor-schemas/kube-schemas.json')
  configureMonacoYaml(monacoForYaml(), {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    hoverSchemaSource: false,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['**/*.yaml', '**/*.yml', '**/*.json'], schema: schema as unknown as JSONSchema }],
  })
  return monaco
}

/**
 * Monaco as monaco-yaml expects it. Monaco 0.55's editor.createWebWorker takes
 * a ready `worker`, while monaco-yaml (through monaco-worker-manager 2) still
 * passes `{ moduleId, label, createData }`: without this the YAML worker never
 * starts and validation silently falls back to a main-thread worker that has
 * no YAML service. Monaco's own language packages use the same labelled helper.
 */
function monacoForYaml(): Monaco {
  return { ...monaco, editor: { ...monaco.editor, createWebWorker: createLabelledWorker } } as Monaco
}

let models = 0

/** A model for one opened file; YAML (schema-checked) for manifests, plain text otherwise. */
export function createModel(m: Monaco, path: string | undefined, text: string): monaco.editor.ITextModel {
  const name = path ?? '/untitled/manifest.yaml'
  const language = isManifestPath(name) ? 'yaml' : 'plaintext'
  // A distinct URI per model: two editors may show the same file.
  return m.editor.createModel(text, language, m.Uri.from({ scheme: 'file', path: `/editor-${++models}${name}` }))
}
