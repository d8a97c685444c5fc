// The YAML language worker (monaco-yaml), announcing itself once its message handler is installed (see monaco-setup.ts).
import 'monaco-yaml/yaml.worker'
import { announceReady } from './worker-ready'

announceReady()
