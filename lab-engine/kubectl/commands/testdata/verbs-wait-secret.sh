# source: https://kubernetes.io/docs/reference/kubectl/generated/kubectl_wait/ and https://kubernetes.io/docs/tasks/configmap-secret/managing-secret-using-kubectl/
kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl wait --for=condition=Available deployment/web --timeout=60s
kubectl wait --for=condition=Ready pod -l app=web
kubectl wait --for=jsonpath='{.status.phase}'=Running pod --all
kubectl wait --for=condition=Ready pod -l app=none
kubectl create secret generic db-user-pass --from-literal=username=admin --from-literal=password='S!B\*d$zDsb='
kubectl get secret db-user-pass -o jsonpath='{.data.password}{"\n"}'
kubectl describe secret db-user-pass
kubectl create secret generic gen --from-literal=k=v --dry-run=client -o yaml
