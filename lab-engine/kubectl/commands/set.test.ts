// kubectl set image and set env against a sim session: output lines, kubectl's errors, and the rollouts they start.
import { describe, expect, it } from 'vitest'
import { createSimSession, type SimSession } from '../../sim/session'
import { run } from './script.test-util'

const TWO_CONTAINERS = `cat > two.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: demo}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers: [{name: init, image: busybox:1.36}]
      containers:
      - {name: nginx, image: nginx:1.27, env: [{name: KEEP, value: k}, {name: MODE, value: a}]}
      - {name: helper, image: busybox:1.36}
EOF
kubectl create namespace demo
kubectl apply -f two.yaml`

const one = async (session: SimSession, line: string) => (await session.run(line))[0]!

const IMAGES = `kubectl get deploy web -n demo -o jsonpath='{.spec.template.spec.initContainers[*].image} {.spec.template.spec.containers[*].image}'`

describe('kubectl set image', () => {
  it('updates named containers, then every container with *, printing once per changed object', async () => {
    const out = await run(`${TWO_CONTAINERS}
kubectl set image -n demo deployment/web nginx=nginx:1.28 helper=busybox:1.37
${IMAGES}
kubectl set image deploy/web -n demo nginx=nginx:1.28
kubectl set image deploy web -n demo '*=alpine:3'
${IMAGES}`)
    expect(out).toContain(`$ kubectl set image -n demo deployment/web nginx=nginx:1.28 helper=busybox:1.37
deployment.apps/web image updated
$ ${IMAGES}
busybox:1.36 nginx:1.28 busybox:1.37$ kubectl set image deploy/web -n demo nginx=nginx:1.28
$ kubectl set image deploy web -n demo '*=alpine:3'
deployment.apps/web image updated
$ ${IMAGES}
alpine:3 alpine:3 alpine:3`)
  })

  it('words its errors as kubectl does', async () => {
    const out = await run(`${TWO_CONTAINERS}
kubectl set image -n demo deployment/web ghost=x nginx=nginx:1.28
kubectl set image -n demo deployment/web '*=a' nginx=b
kubectl set image
kubectl set image -n demo deployment nginx=x
kubectl set image -n demo deployment/web a=b deployment/other
kubectl set image -n demo deployment/nope nginx=x
kubectl set image svc/kubernetes a=b`)
    expect(out).toContain(`$ kubectl set image -n demo deployment/web ghost=x nginx=nginx:1.28
deployment.apps/web image updated
! error: unable to find container named "ghost"
[exit 1]
$ kubectl set image -n demo deployment/web '*=a' nginx=b
! error: all containers are already specified by *, but saw more than one container_name=container_image pairs
[exit 1]
$ kubectl set image
! one or more resources must be specified as <resource> <name> or <resource>/<name>
! at least one image update is required
[exit 1]
$ kubectl set image -n demo deployment nginx=x
! error: resource(s) were provided, but no name was specified
[exit 1]
$ kubectl set image -n demo deployment/web a=b deployment/other
! error: all resources must be specified before image changes: deployment/other
[exit 1]
$ kubectl set image -n demo deployment/nope nginx=x
! Error from server (NotFound): deployments.apps "nope" not found
[exit 1]
$ kubectl set image svc/kubernetes a=b
! error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service
[exit 1]
`)
  })

  it('starts a rollout through the Deployment controller, and --all sets every Deployment', async () => {
    const out = await run(`kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl create deployment api --image=nginx:1.27
kubectl rollout status deployment/web
kubectl set image deployment --all nginx=nginx:1.28
kubectl rollout status deployment/web
kubectl get rs -l app=web -o jsonpath='{range .items[*]}{.spec.template.spec.containers[0].image}={.status.replicas} {end}'`)
    expect(out).toContain(`$ kubectl set image deployment --all nginx=nginx:1.28
deployment.apps/api image updated
deployment.apps/web image updated
`)
    expect(out).toMatch(/nginx:1\.28=2 nginx:1\.27=0 |nginx:1\.27=0 nginx:1\.28=2 /)
  })

  it('changes a Pod image in place', async () => {
    const session = createSimSession({ seed: 3 })
    await one(session, 'kubectl run p --image=busybox:1.36 -- sleep 3600')
    const r = await one(session, 'kubectl set image pod/p p=busybox:1.37')
    expect(r.stdout).toBe('pod/p image updated\n')
    expect((session.store.get({ kind: 'Pod', name: 'p' })!.spec as { containers: { image: string }[] }).containers[0]!.image).toBe('busybox:1.37')
  })
})

describe('kubectl set env', () => {
  it('sets, replaces in place, removes and lists variables', async () => {
    const out = await run(`${TWO_CONTAINERS}
kubectl set env -n demo deployment/web -c nginx MODE=b NEW=1
kubectl set env -n demo deployment/web --list
kubectl set env -n demo deployment/web -c nginx KEEP-
kubectl set env -n demo deployment/web -c 'ngi*' --list
kubectl set env -n demo deployment/web -c nginx NEW=1`)
    expect(out).toContain(`$ kubectl set env -n demo deployment/web -c nginx MODE=b NEW=1
deployment.apps/web env updated
$ kubectl set env -n demo deployment/web --list
# Deployment web, container nginx
KEEP=k
MODE=b
NEW=1
# Deployment web, container helper
# Deployment web, container init
$ kubectl set env -n demo deployment/web -c nginx KEEP-
deployment.apps/web env updated
$ kubectl set env -n demo deployment/web -c 'ngi*' --list
# Deployment web, container nginx
MODE=b
NEW=1
$ kubectl set env -n demo deployment/web -c nginx NEW=1
`)
  })

  it('imports every key of a ConfigMap or Secret as a reference, --keys and --prefix narrowing and renaming', async () => {
    const out = await run(`kubectl create deployment web --image=nginx
kubectl create configmap cfg --from-literal=log.level=debug --from-literal=mode=x
kubectl create secret generic creds --from-literal=db-password=s3
kubectl set env deployment/web --from=configmap/cfg --keys=mode --prefix=APP_
kubectl set env deployment/web --from=secret/creds
kubectl set env deployment/web --list
kubectl set env deployment/web --from=service/kubernetes
kubectl set env deployment/web --keys=a
kubectl set env deployment/web MODE=2 --overwrite=false
kubectl set env deployment/web APP_MODE=2 --overwrite=false
kubectl set env deployment/web 9X=1
kubectl set env deployment/web A=1 A-
kubectl set env deployment/web A=1 deployment/x`)
    expect(out).toContain(`$ kubectl set env deployment/web --from=configmap/cfg --keys=mode --prefix=APP_
deployment.apps/web env updated
$ kubectl set env deployment/web --from=secret/creds
deployment.apps/web env updated
$ kubectl set env deployment/web --list
# Deployment web, container nginx
# APP_MODE from configmap cfg, key mode
# DB_PASSWORD from secret creds, key db-password
$ kubectl set env deployment/web --from=service/kubernetes
! error: unsupported resource specified in --from
[exit 1]
$ kubectl set env deployment/web --keys=a
! error: when specifying --keys, a configmap or secret must be provided with --from
[exit 1]
$ kubectl set env deployment/web MODE=2 --overwrite=false
deployment.apps/web env updated
$ kubectl set env deployment/web APP_MODE=2 --overwrite=false
! error: deployments/web 'APP_MODE' already has a value (), and --overwrite is false
[exit 1]
$ kubectl set env deployment/web 9X=1
! error: "9X" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')
[exit 1]
$ kubectl set env deployment/web A=1 A-
! error: can not both modify and remove the same environment variable in the same command
[exit 1]
$ kubectl set env deployment/web A=1 deployment/x
! error: all resources must be specified before environment changes: deployment/web A=1 deployment/x
[exit 1]
`)
  })

  it('starts a rollout, and refuses a Pod as the API server does', async () => {
    const session = createSimSession({ seed: 2 })
    await one(session, 'kubectl create deployment web --image=nginx')
    const before = session.store.get({ kind: 'Deployment', name: 'web' })!.metadata.generation!
    expect((await one(session, 'kubectl set env deploy/web GREETING=hi')).stdout).toBe('deployment.apps/web env updated\n')
    expect(session.store.get({ kind: 'Deployment', name: 'web' })!.metadata.generation).toBe(before + 1)
    const rs = session.store.list({ kind: 'ReplicaSet', namespace: 'default' })
    expect(rs.map((r) => JSON.stringify((r.spec as { template: unknown }).template)).filter((t) => t.includes('GREETING'))).toHaveLength(1)
    await one(session, 'kubectl run p --image=nginx')
    const pod = await one(session, 'kubectl set env pod/p A=b')
    expect(pod.exitCode).toBe(1)
    expect(pod.stderr).toMatch(/^error: failed to patch env update to pod template: Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/)
  })
})

describe('kubectl set', () => {
  it('prints its help without a subcommand and refuses unknown ones and foreign flags', async () => {
    const out = await run('kubectl set\nkubectl set resources deploy/web\nkubectl set image deploy/web --list')
    expect(out).toContain('! Configure application resources.\n')
    expect(out).toContain(`$ kubectl set resources deploy/web
! error: unknown command "resources"
! See 'kubectl set -h' for help and examples
[exit 1]
$ kubectl set image deploy/web --list
! error: unknown flag: --list
! See 'kubectl set image --help' for usage.
[exit 1]
`)
  })
})
