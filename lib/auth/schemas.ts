// Input schemas for accounts, shared by the forms and the route handlers.
import { z } from 'zod'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password'
import { ROLES } from './roles'

export const MAX_EMAIL_LENGTH = 254
export const MAX_NAME_LENGTH = 100

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_EMAIL_LENGTH, `Email must be at most ${MAX_EMAIL_LENGTH} characters.`)
  .pipe(z.email('Enter a valid email address.'))

export const signUpInput = z.object({
  email,
  name: z.string().trim().min(1, 'Enter your name.').max(MAX_NAME_LENGTH, `Name must be at most ${MAX_NAME_LENGTH} characters.`),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(MAX_PASSWORD_LENGTH, `Password must be at most ${MAX_PASSWORD_LENGTH} characters.`),
})
export type SignUpInput = z.infer<typeof signUpInput>

export const signInInput = z.object({
  email,
  password: z.string().min(1, 'Enter your password.').max(MAX_PASSWORD_LENGTH),
})
export type SignInInput = z.infer<typeof signInInput>

export const roleChangeInput = z.object({ role: z.enum(ROLES) })
