// kubectl apply / create -f against the sim: created, configured, unchanged, AlreadyExists and kubectl's errors.
import { describe, expect, it } from 'vitest'
import { DEPLOY_AND_SERVICE, run } from './script.test-util'

describe('kubectl apply -f', () => {
  it('applies a two-document manifest from a heredoc into a new namespace', async () => {
    expect(await run(`kubectl create namespace shop
kubectl apply -n shop -f - <<EOF
${DEPLOY_AND_SERVICE}EOF
kubectl apply -n shop -f - <<EOF
${DEPLOY_AND_SERVICE}EOF`)).toBe(`$ kubectl create namespace shop
namespace/shop created
$ kubectl apply -n shop -f - <<EOF
deployment.apps/web created
service/web created
$ kubectl apply -n shop -f - <<EOF
deployment.apps/web unchanged
service/web unchanged
`)
  })

  it('reports configured for an edited manifest read from a file', async () => {
    const v1 = DEPLOY_AND_SERVICE
    const v2 = DEPLOY_AND_SERVICE.replace('nginx:1.27', 'nginx:1.28')
    expect(await run(`cat > a.yaml <<EOF
${v1}EOF
cat > b.yaml <<EOF
${v2}EOF
kubectl apply -f a.yaml
kubectl apply -f b.yaml
kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}{"\\n"}'`)).toBe(`$ cat > a.yaml <<EOF
$ cat > b.yaml <<EOF
$ kubectl apply -f a.yaml
deployment.apps/web created
service/web created
$ kubectl apply -f b.yaml
deployment.apps/web configured
service/web unchanged
$ kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}{"\\n"}'
nginx:1.28
`)
  })

  it('applies every manifest in a directory, in name order', async () => {
    expect(await run(`mkdir app
printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: two\\n' > app/2.yaml
printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: one\\n' > app/1.yml
echo ignored > app/notes.txt
kubectl apply -f app`)).toContain(`$ kubectl apply -f app
configmap/one created
configmap/two created
`)
  })

  it('create -f refuses what exists with AlreadyExists', async () => {
    expect(await run(`kubectl create -f - <<EOF
${DEPLOY_AND_SERVICE}EOF
kubectl create -f - <<EOF
${DEPLOY_AND_SERVICE}EOF`)).toBe(`$ kubectl create -f - <<EOF
deployment.apps/web created
service/web created
$ kubectl create -f - <<EOF
! Error from server (AlreadyExists): error when creating "STDIN": deployments.apps "web" already exists
! Error from server (AlreadyExists): error when creating "STDIN": services "web" already exists
[exit 1]
`)
  })

  it('gives kubectl errors for missing files, a missing namespace and a namespace mismatch', async () => {
    expect(await run(`kubectl apply -f nope.yaml
kubectl apply -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  namespace: ghost
EOF
kubectl apply -n other -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  namespace: default
EOF
kubectl apply`)).toBe(`$ kubectl apply -f nope.yaml
! error: the path "nope.yaml" does not exist
[exit 1]
$ kubectl apply -f - <<EOF
! Error from server (NotFound): error when creating "STDIN": namespaces "ghost" not found
[exit 1]
$ kubectl apply -n other -f - <<EOF
! error: the namespace from the provided object "default" does not match the namespace "other". You must pass '--namespace=default' to perform this operation.
[exit 1]
$ kubectl apply
! error: must specify one of -f and -k
[exit 1]
`)
  })

  it('refuses garbage YAML and changes nothing', async () => {
    const out = await run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: [unclosed
EOF
kubectl get cm`)
    expect(out).toMatch(/^\$ kubectl apply -f - <<EOF\n! error: error parsing STDIN: .*\n\[exit 1\]\n/)
    expect(out).toContain('$ kubectl get cm\n! No resources found in default namespace.\n')
  })
})
