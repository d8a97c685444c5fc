// Monaco's editor worker (diffs, links, word completion), announcing itself once its message handler is installed (see monaco-setup.ts).
import 'monaco-editor/esm/vs/editor/editor.worker.js'
import { announceReady } from './worker-ready'

announceReady()
