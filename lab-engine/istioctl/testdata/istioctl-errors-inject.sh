# source: https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/ (manual and automatic injection; cobra errors from istio/istio istioctl/cmd/root.go)
istioctl frobnicate
istioctl install --bogus
istioctl kube-inject -f samples/sleep/sleep.yaml
istioctl dashboard kiali
istioctl install
echo n | istioctl install --set profile=minimal
istioctl install --set profile=nope -y
istioctl install --set profile=default -y
kubectl get pods -n istio-system
kubectl run early --image=nginx
kubectl label namespace default istio-injection=enabled
kubectl run late --image=nginx
kubectl run optout --image=nginx --labels=sidecar.istio.io/inject=false
sleep 10
kubectl get pods
istioctl analyze
kubectl delete pod early
kubectl run early --image=nginx
istioctl kube-inject -f samples/sleep/sleep.yaml | kubectl apply -n foo -f -
kubectl create namespace foo
istioctl kube-inject -f samples/sleep/sleep.yaml | kubectl apply -n foo -f -
sleep 10
kubectl get pods -n foo
istioctl x describe pod late
istioctl proxy-config listeners late
istioctl proxy-config routes optout
istioctl pc clusters nope
istioctl dashboard grafana
kubectl apply -f samples/addons/kiali.yaml
istioctl dashboard kiali
istioctl verify-install
