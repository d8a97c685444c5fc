// Mesh Dojo's one Node process: Next.js pages and API, the lab engine's
// WebSockets, ops endpoints. Configuration comes from the environment.
import { databaseConfigFromEnv } from '@/lib/db/config'
import { logger } from '@/lib/log'
import { serverConfigFromEnv } from '@/lib/server/config'
import { loadNext } from '@/lib/server/load-next'
import { startServer } from '@/lib/server/start-server'

export { authenticate } from '@/lib/auth/authenticate'

async function main() {
  const config = serverConfigFromEnv()
  const running = await startServer({
    config,
    database: databaseConfigFromEnv(process.env),
    loadNext,
    onFirstAdmin: ({ email, password }) =>
      console.log(
        [
          '',
          'First start: an admin account was created. The password is shown only this once.',
          `  admin email:    ${email}`,
          `  admin password: ${password}`,
          'Lost it? Run: npm run admin -- reset-password ' + email,
          '',
        ].join('\n'),
      ),
  })
  console.log(`Mesh Dojo is running at ${running.url} (database: ${running.db.kind}${config.dev ? ', development mode' : ''})`)
  const stop = (signal: string) => {
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting')
      process.exit(1)
    }, config.shutdownTimeoutMs)
    force.unref()
    running.shutdown(signal).then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => stop('SIGTERM'))
  process.once('SIGINT', () => stop('SIGINT'))
}

main().catch((err) => {
  logger.fatal({ err }, 'Mesh Dojo failed to start')
  console.error(`Mesh Dojo failed to start: ${(err as Error).message}`)
  process.exit(1)
})
