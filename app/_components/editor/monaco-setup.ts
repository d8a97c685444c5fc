// Monaco with YAML language support, set up once per page: workers, monaco-yaml and the Kubernetes/Istio schema.
//
// Only ManifestEditor imports this, with import(): the module pages never
// download Monaco. Everything comes from the installed packages, built by Next
// (ENVIRONMENT.md "Next.js": monaco-editor 0.55 + monaco-yaml 5.5): the two
// workers from `new URL(..., import.meta.url)` and the schema as a JSON chunk
// whose name carries its content hash, so the browser caches it for good and
// nothing is fetched from a CDN. We load the editor API with the editor's
// features and the YAML grammar only, not editor.main (which adds every language and its workers).
import 'monaco-editor/esm/vs/editor/editor.all.js'
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js'
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js'
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml'
import { isManifestPath } from './manifest-path'
import { whenReady } from './workers/worker-ready'

export type Monaco = typeof monaco
export type CodeEditor = monaco.editor.IStandaloneCodeEditor

/** The schema's identity in hovers and in the YAML worker. */
const SCHEMA_URI = 'https://mesh-dojo.invalid/schemas/kubernetes-istio.json'

type WorkerEnv = { MonacoEnvironment?: { getWorker(moduleId: string, label: string): Promise<Worker> } }

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
  ;(self as WorkerEnv).MonacoEnvironment = { getWorker: (_moduleId, label) => workerFor(label) }
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
 * no YAML service. This is what Monaco's own language packages do
 * (monaco-editor/esm/vs/common/workers.js, not imported: it pulls in every
 * editor contribution a second time).
 */
function monacoForYaml(): Monaco {
  const createWebWorker = (opts: { label?: string; createData?: unknown; host?: Record<string, Function>; keepIdleModels?: boolean }) => {
    const worker = workerFor(opts.label ?? 'editorWorkerService').then((w) => {
      w.postMessage('ignore') // the first message starts Monaco's worker side; the second carries createData
      w.postMessage(opts.createData)
      return w
    })
    return monaco.editor.createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels })
  }
  return { ...monaco, editor: { ...monaco.editor, createWebWorker } } as unknown as Monaco
}

/** A started worker, once its handler is installed (workers/worker-ready.ts). */
function workerFor(label: string): Promise<Worker> {
  if (label === 'yaml') return whenReady(new Worker(new URL('./workers/yaml.worker.ts', import.meta.url)))
  return whenReady(new Worker(new URL('./workers/editor.worker.ts', import.meta.url)))
}

let models = 0

/** A model for one opened file; YAML (schema-checked) for manifests, plain text otherwise. */
export function createModel(m: Monaco, path: string | undefined, text: string): monaco.editor.ITextModel {
  const name = path ?? '/untitled/manifest.yaml'
  const language = isManifestPath(name) ? 'yaml' : 'plaintext'
  // A distinct URI per model: two editors may show the same file.
  return m.editor.createModel(text, language, m.Uri.from({ scheme: 'file', path: `/editor-${++models}${name}` }))
}
