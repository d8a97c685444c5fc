// kubectl label / annotate against the sim, and selecting by the new labels.
import { describe, expect, it } from 'vitest'
import { run } from './script.test-util'

describe('kubectl label and annotate', () => {
  it('labels, selects with get -l, refuses overwrites, removes', async () => {
    expect(await run(`kubectl run a --image=nginx
kubectl run b --image=nginx
kubectl label pod a tier=front
kubectl get pods -l tier=front --show-labels
kubectl label pod a tier=back
kubectl label pod a tier=back --overwrite
kubectl label pod/a tier=back
kubectl label pod a tier-
kubectl get pods -l 'tier in (front,back)'
kubectl label pod ghost x=y`)).toBe(`$ kubectl run a --image=nginx
pod/a created
$ kubectl run b --image=nginx
pod/b created
$ kubectl label pod a tier=front
pod/a labeled
$ kubectl get pods -l tier=front --show-labels
NAME   READY   STATUS    RESTARTS   AGE   LABELS
a      0/1     Pending   0          0s    run=a,tier=front
$ kubectl label pod a tier=back
! error: 'tier' already has a value (front), and --overwrite is false
[exit 1]
$ kubectl label pod a tier=back --overwrite
pod/a labeled
$ kubectl label pod/a tier=back
pod/a not labeled
$ kubectl label pod a tier-
pod/a unlabeled
$ kubectl get pods -l 'tier in (front,back)'
! No resources found in default namespace.
$ kubectl label pod ghost x=y
! Error from server (NotFound): pods "ghost" not found
[exit 1]
`)
  })

  it('annotates and reads the annotation back', async () => {
    expect(await run(`kubectl create namespace team
kubectl annotate ns team owner=alice
kubectl get ns team -o jsonpath='{.metadata.annotations.owner}'`)).toBe(`$ kubectl create namespace team
namespace/team created
$ kubectl annotate ns team owner=alice
namespace/team annotated
$ kubectl get ns team -o jsonpath='{.metadata.annotations.owner}'
alice`)
  })
})
