# source: https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/ (strategic, merge and JSON patches)
kubectl create deployment patch-demo --image=nginx:1.27 --replicas=2
kubectl patch deployment patch-demo --patch '{"spec": {"template": {"spec": {"containers": [{"name": "patch-demo-ctr-2", "image": "redis"}]}}}}'
kubectl get deployment patch-demo -o jsonpath='{range .spec.template.spec.containers[*]}{.name}={.image}{"\n"}{end}'
kubectl patch deployment patch-demo --type merge --patch '{"spec": {"template": {"spec": {"containers": [{"name": "patch-demo-ctr-3", "image": "gcr.io/google-samples/hello-app:2.0"}]}}}}'
kubectl get deployment patch-demo -o jsonpath='{range .spec.template.spec.containers[*]}{.name}={.image}{"\n"}{end}'
kubectl patch deployment patch-demo --type json -p '[{"op": "replace", "path": "/spec/replicas", "value": 3}]'
kubectl patch deployment patch-demo --type json -p '[{"op": "replace", "path": "/spec/replicas", "value": 3}]'
kubectl patch deployment patch-demo --type json -p '[{"op": "test", "path": "/spec/replicas", "value": 1}]'
kubectl patch deployment patch-demo -p '{"spec": {"replicass": 1}}'
kubectl patch deployment patch-demo --type yaml -p '{}'
kubectl get deployment patch-demo -o jsonpath='{.spec.replicas}{"\n"}'
