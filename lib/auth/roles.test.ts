import { describe, expect, it } from 'vitest'
import { can, isRole, rolesWith } from './roles'
import { navFor } from '../navigation'

describe('roles and permissions', () => {
  it('gives user management to admins only', () => {
    expect(rolesWith('users:manage')).toEqual(['admin'])
  })

  it('lets instructors and admins manage cohorts, graders review', () => {
    expect(rolesWith('cohorts:manage')).toEqual(['instructor', 'admin'])
    expect(rolesWith('grades:review')).toEqual(['grader', 'admin'])
    expect(can('learner', 'labs:use')).toBe(true)
    expect(can('learner', 'cohorts:view')).toBe(false)
  })

  it('recognises only the four roles', () => {
    expect(isRole('grader')).toBe(true)
    expect(isRole('root')).toBe(false)
  })

  it('builds navigation from the permission table', () => {
    expect(navFor('learner').map((i) => i.href)).toEqual(['/dashboard', '/progress'])
    expect(navFor('admin').map((i) => i.href)).toContain('/admin/users')
  })
})
