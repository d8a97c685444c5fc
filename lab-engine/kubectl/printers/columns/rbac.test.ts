import { describe, expect, it } from 'vitest'
import { createSimSession } from '../../../sim/session'

describe('RBAC kinds', () => {
  it('Istio\'s addons apply (their ClusterRoles and bindings are served) and print as kubectl prints them', async () => {
    const session = createSimSession({ seed: 1 })
    const manifest = `apiVersion: v1
kind: ServiceAccount
metadata: { name: prometheus, namespace: default }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: prometheus }
rules: [{ apiGroups: [""], resources: [pods], verbs: [get, list, watch] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: prometheus }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: prometheus }
subjects: [{ kind: ServiceAccount, name: prometheus, namespace: default }]
`
    session.vfs.writeFile('/home/learner/rbac.yaml', manifest)
    const [apply, roles, bindings] = await session.run('kubectl apply -f rbac.yaml\nkubectl get clusterroles\nkubectl get clusterrolebindings -o wide')
    expect(apply!.stdout).toBe('serviceaccount/prometheus created\nclusterrole.rbac.authorization.k8s.io/prometheus created\nclusterrolebinding.rbac.authorization.k8s.io/prometheus created\n')
    expect(roles!.stdout).toBe('NAME         CREATED AT\nprometheus   2026-01-01T00:00:00Z\n')
    expect(bindings!.stdout).toMatch(/^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\nprometheus\s+ClusterRole\/prometheus\s+\S+\s+default\/prometheus\n$/)
    session.dispose()
  })
})
