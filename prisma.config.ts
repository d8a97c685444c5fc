// Prisma CLI configuration. Only `prisma generate` is used from the CLI; the
// database is migrated by prisma/migrate.ts, which needs no downloaded engine.
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
})
