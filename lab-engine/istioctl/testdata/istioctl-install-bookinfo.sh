# source: https://istio.io/latest/docs/setup/getting-started/ (install, label, bookinfo 2/2, analyze, uninstall)
istioctl version
kubectl get virtualservices
kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml
istioctl install --set profile=demo -y
kubectl get pods -n istio-system
kubectl get svc -n istio-system
kubectl get crd
istioctl version
kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml
sleep 60
kubectl get pods
istioctl version
istioctl analyze
kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml
istioctl analyze
kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml
istioctl analyze
istioctl proxy-status
istioctl uninstall --purge -y
kubectl get crd
kubectl get virtualservices
