// The site navigation as data: each entry names the permission it needs.
import { can, type Permission, type Role } from './auth/roles'

export interface NavItem {
  href: string
  label: string
  permission?: Permission
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/progress', label: 'Progress' },
  { href: '/instructor/cohorts', label: 'Cohorts', permission: 'cohorts:manage' },
  { href: '/grader/learners', label: 'Learners', permission: 'cohorts:view' },
  { href: '/grader/attempts', label: 'Grading', permission: 'grades:review' },
  { href: '/admin/users', label: 'Users', permission: 'users:manage' },
]

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || can(role, item.permission))
}
