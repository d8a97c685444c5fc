// `npm run admin -- <command>`: recovery tasks from the server's shell.
//   reset-password <email>   set a new random password (printed once), sign out everywhere
//   list-admins              print the admin accounts
import { resetPassword } from '@/lib/auth/accounts'
import { databaseConfigFromEnv } from '@/lib/db/config'
import { openDatabase } from '@/lib/db/database'
import path from 'node:path'
import { claimDataDir } from '@/lib/server/pid-file'

const USAGE = 'usage: npm run admin -- reset-password <email> | list-admins'

async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv
  if (command !== 'reset-password' && command !== 'list-admins') {
    console.error(USAGE)
    return 2
  }
  if (command === 'reset-password' && !arg) {
    console.error('reset-password needs the account\'s email.\n' + USAGE)
    return 2
  }
  const config = databaseConfigFromEnv(process.env)
  const release = config.url ? () => {} : claimDataDir(path.dirname(config.dataDir!))
  const db = await openDatabase(config)
  try {
    if (command === 'list-admins') {
      const admins = await db.prisma.user.findMany({ where: { role: 'admin' }, select: { email: true, name: true } })
      for (const a of admins) console.log(`${a.email}\t${a.name}`)
      return 0
    }
    const password = await resetPassword(db.prisma, arg)
    if (!password) {
      console.error(`No account with email ${arg}.`)
      return 1
    }
    console.log(`New password for ${arg.trim().toLowerCase()}: ${password}\nAll of this account's sessions were signed out.`)
    return 0
  } finally {
    await db.close()
    release()
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  console.error(`admin: ${(err as Error).message}`)
  process.exit(1)
})
