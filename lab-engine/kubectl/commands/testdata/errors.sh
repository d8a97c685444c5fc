# source: https://kubernetes.io/docs/reference/kubectl/ (kubectl's error lines: unknown type, unknown flag, NotFound, AlreadyExists)
kubectl get foo
kubectl get pods --x
kubectl get pod nope
kubectl delete deployment nope
kubectl create namespace dup
kubectl create namespace dup
kubectl scale deployment nope --replicas=1
kubectl frobnicate
echo "exit=$?"
