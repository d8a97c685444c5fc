# source: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/ (updating, rolling back, checking rollout history)
kubectl create deployment nginx-deployment --image=nginx:1.14.2 --replicas=3
kubectl rollout status deployment/nginx-deployment
kubectl rollout undo deployment/nginx-deployment
kubectl patch deployment nginx-deployment -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.16.1"}]}}}}'
kubectl rollout status deployment/nginx-deployment
kubectl rollout history deployment/nginx-deployment
kubectl rollout history deployment/nginx-deployment --revision=2
kubectl rollout undo deployment/nginx-deployment
kubectl rollout status deployment/nginx-deployment
kubectl get deployment nginx-deployment -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
kubectl rollout undo deployment/nginx-deployment --to-revision=5
kubectl rollout restart deployment/nginx-deployment
kubectl rollout history deployment/nginx-deployment
