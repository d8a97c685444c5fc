import { describe, expect, it } from 'vitest'
import { generatePassword, hashPassword, verifyPassword } from './password'

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery')
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/)
    expect(await verifyPassword('correct horse battery', hash)).toBe(true)
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false)
  })

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'))
  })

  it('treats Unicode-equivalent passwords alike (NFKC)', async () => {
    const hash = await hashPassword('caf\u00e9-password')
    expect(await verifyPassword('cafe\u0301-password', hash)).toBe(true)
  })

  it('rejects malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plaintext')).toBe(false)
    expect(await verifyPassword('x', 'bcrypt$1$2$3$4$5')).toBe(false)
  })

  it('generates unambiguous random passwords', () => {
    const a = generatePassword()
    expect(a).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/)
    expect(generatePassword()).not.toBe(a)
  })
})
