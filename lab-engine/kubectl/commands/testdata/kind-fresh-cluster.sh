# source: https://kind.sigs.k8s.io/docs/user/quick-start/ (a fresh `kind create cluster`, kubectl v1.33)
kubectl get nodes
kubectl get ns
kubectl get pods -A
kubectl get svc -A
kubectl config current-context
