# source: https://kubernetes.io/docs/reference/kubectl/generated/kubectl_logs/ (logs, port-forward; messages from k8s.io/kubectl/pkg/cmd/logs and portforward)
kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80
kubectl expose deployment web --port=8080 --target-port=80
kubectl logs deploy/web
kubectl rollout status deployment/web
kubectl logs deploy/web --tail=1
kubectl logs -l app=web --prefix --tail=1
kubectl logs -l app=nope
kubectl port-forward svc/web 8080:8080
kubectl port-forward svc/web 8080:9090
kubectl port-forward deployment/web 9000:80 --address 0.0.0.0
