// Roles and the one table that maps them to permissions.

export const ROLES = ['learner', 'instructor', 'grader', 'admin'] as const
export type Role = (typeof ROLES)[number]

export type Permission =
  | 'labs:use'
  | 'cohorts:join'
  | 'cohorts:manage'
  | 'cohorts:view'
  | 'content:preview'
  | 'grades:review'
  | 'users:manage'

const PERMISSIONS: Record<Role, readonly Permission[]> = {
  learner: ['labs:use', 'cohorts:join'],
  instructor: ['labs:use', 'cohorts:join', 'cohorts:manage', 'cohorts:view', 'content:preview'],
  grader: ['labs:use', 'cohorts:join', 'cohorts:view', 'grades:review'],
  admin: [
    'labs:use',
    'cohorts:join',
    'cohorts:manage',
    'cohorts:view',
    'content:preview',
    'grades:review',
    'users:manage',
  ],
}

export function can(role: Role, permission: Permission): boolean {
  return PERMISSIONS[role].includes(permission)
}

/** The roles that hold a permission, for `withRole(handler, { roles: rolesWith('users:manage') })`. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) => can(role, permission))
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export const ROLE_LABELS: Record<Role, string> = {
  learner: 'Learner',
  instructor: 'Instructor',
  grader: 'Grader',
  admin: 'Admin',
}
