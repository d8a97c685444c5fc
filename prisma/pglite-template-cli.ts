// Build step: save a pristine PGlite cluster for fast first starts (see lib/db/pglite-template.ts).
import { existsSync } from 'node:fs'
import { templateDirOf, templatePath, writeTemplate } from '@/lib/db/pglite-template'

async function main() {
  const file = await templatePath()
  if (existsSync(file) && existsSync(templateDirOf(file)) && !process.argv.includes('--force')) return
  console.log(`Saving a PGlite template cluster to ${await writeTemplate(file)}`)
}

main().catch((err) => {
  console.error(`pglite-template: ${(err as Error).message}`)
  process.exit(1)
})
