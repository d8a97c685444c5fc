// CLI `npm run db:migration -- <name>`: writes the migration that brings the database up to schema.prisma.
import path from 'node:path'
import { createMigration, MIGRATION_NAME } from './create-migration'

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || rest.length > 0 || !MIGRATION_NAME.test(name)) {
    console.error(`usage: npm run db:migration -- <name>   (name: lower-case letters, digits and _, e.g. add_badges)`)
    return 2
  }
  const file = await createMigration({ name })
  if (file === null) {
    console.log('No schema changes; nothing written.')
    return 0
  }
  console.log(`Wrote ${path.relative(process.cwd(), file)}. Review it, then run npm run db:migrate (or restart the server).`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`db:migration: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  },
)
