# source: https://github.com/kubernetes/kubectl/blob/master/pkg/describe/describe.go (describers) and https://kubernetes.io/docs/reference/kubectl/generated/kubectl_explain/
kubectl describe namespace kube-system
kubectl create configmap game-config --from-literal=lives=3
kubectl describe configmap game-config
kubectl create deployment web --image=nginx:1.27
kubectl rollout status deployment/web
kubectl describe rs
kubectl describe sa default
kubectl explain deployments.spec.replicas
kubectl explain services.spec.ports
kubectl explain pods.spec.bogus
kubectl get deploy web -w
