// Prisma's schema engine in WebAssembly (no downloaded binary): loading it and diffing a database to the schema.
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { repoRoot } from './repo-root'
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type { SchemaContainer, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg'
import { MIGRATIONS_TABLE } from './migrate'

type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg')

let loading: Promise<EngineModule> | undefined

/** The package targets bundlers, so the .wasm is instantiated here, once per process. */
function loadEngineModule(): Promise<EngineModule> {
  loading ??= (async () => {
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg')
    const require = createRequire(import.meta.url)
    const wasmPath = require.resolve('@prisma/schema-engine-wasm').replace(/schema_engine\.js$/, 'schema_engine_bg.wasm')
    const imports = { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports }
    const { instance } = await WebAssembly.instantiate(await fs.readFile(wasmPath), imports)
    bg.__wbg_set_wasm(instance.exports)
    const start = instance.exports.__wbindgen_start
    if (typeof start === 'function') start()
    return bg
  })()
  return loading
}

export function defaultSchemaPath(): string {
  return path.join(repoRoot(), 'prisma/schema.prisma')
}

export async function readSchemaFiles(schemaPath: string = defaultSchemaPath()): Promise<SchemaContainer[]> {
  return [{ path: 'schema.prisma', content: await fs.readFile(schemaPath, 'utf8') }]
}

/** A schema engine working on the database behind `adapter`. Call `free()` when done. */
export async function openSchemaEngine(adapter: SqlMigrationAwareDriverAdapterFactory, files: SchemaContainer[]): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadEngineModule()
  const datamodels = files.map((f): [string, string] => [f.path, f.content])
  return SchemaEngine.new({ datamodels }, () => undefined, bindMigrationAwareSqlAdapterFactory(adapter))
}

/**
 * The SQL that would bring the database behind `adapter` to the schema `files`, or null when they match.
 * The runner's own table is left out (the engine wants it qualified by the database schema).
 */
export async function diffDatabaseToSchema(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  files: SchemaContainer[],
  dbSchema = 'public',
): Promise<string | null> {
  const engine = await openSchemaEngine(adapter, files)
  try {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: process.cwd() },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters: { externalTables: [`${dbSchema}.${MIGRATIONS_TABLE}`], externalEnums: [] },
    })
    return result.exitCode === 0 ? null : (result.stdout ?? '')
  } finally {
    engine.free()
  }
}
