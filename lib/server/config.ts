// Server configuration from the environment (the README's table lists these).
export interface ServerConfig {
  port: number
  host: string
  dev: boolean
  trustProxy: boolean
  shutdownTimeoutMs: number
  adminEmail?: string
}

export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? '3000')
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dev: env.NODE_ENV !== 'production',
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    shutdownTimeoutMs: 10_000,
    adminEmail: env.ADMIN_EMAIL || undefined,
  }
}
