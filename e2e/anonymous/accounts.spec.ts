// A learner signs up, signs out, signs in again, and is refused the admin page.
import { expect, test } from '@playwright/test'
import { TEST_PASSWORD, uniqueEmail } from '../support/accounts'

test('sign up as a learner, sign out, sign in, and see 403 on an admin page', async ({ page }) => {
  const email = uniqueEmail('learner')
  await page.goto('/sign-up')
  await page.getByLabel('Name').fill('Lee Learner')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByTestId('whoami')).toContainText('Lee Learner')
  await expect(page.getByTestId('whoami')).toContainText('Learner')

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' })).toBeVisible()
  const me = await page.request.get('/api/me')
  expect(me.status()).toBe(401)

  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)

  const response = await page.goto('/admin/users')
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible()
  const api = await page.request.get('/api/admin/users')
  expect(api.status()).toBe(403)
  expect((await api.json()).error.code).toBe('forbidden')
})

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(uniqueEmail('nobody'))
  await page.getByLabel('Password').fill('not the password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible()
  await expect(page).toHaveURL(/\/sign-in/)
})

test('signed-out visitors are sent to sign-in and come back afterwards', async ({ page }) => {
  await page.goto('/admin/users')
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fusers/)
  const api = await page.request.get('/api/me')
  expect(api.status()).toBe(401)
  expect((await api.json()).error.code).toBe('unauthenticated')
})

test('the admin printed on first start can sign in', async ({ page }) => {
  const { admin } = JSON.parse(require('node:fs').readFileSync('e2e/.state/server.json', 'utf8'))
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(admin.email)
  await page.getByLabel('Password').fill(admin.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByTestId('whoami')).toContainText('Admin')
  await page.goto('/admin/users')
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible()
})
