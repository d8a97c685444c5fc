// Loading the Next.js app (dev or production build) for the custom server.
import next from 'next'
import type { ServerConfig } from './config'

export async function loadNext(config: ServerConfig) {
  const app = next({ dev: config.dev, dir: process.cwd(), port: config.port, hostname: 'localhost' })
  await app.prepare()
  const handle = app.getRequestHandler()
  const upgrade = app.getUpgradeHandler()
  return {
    handle: (req: Parameters<typeof handle>[0], res: Parameters<typeof handle>[1]) => handle(req, res),
    upgrade: (req: Parameters<typeof upgrade>[0], socket: Parameters<typeof upgrade>[1], head: Parameters<typeof upgrade>[2]) =>
      upgrade(req, socket, head),
  }
}
