# source: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/ (creating, rollout status, scaling)
kubectl create deployment nginx-deployment --image=nginx:1.14.2 --replicas=3 --port=80
kubectl get deployments
kubectl rollout status deployment/nginx-deployment
kubectl get deployments
kubectl get rs
kubectl get pods --show-labels
kubectl scale deployment/nginx-deployment --replicas=5
kubectl rollout status deployment/nginx-deployment
kubectl get deploy nginx-deployment -o jsonpath='{.status.readyReplicas}{"\n"}'
kubectl expose deployment nginx-deployment --port=80 --type=NodePort
kubectl get svc nginx-deployment -o jsonpath='{.spec.type} {.spec.selector}{"\n"}'
