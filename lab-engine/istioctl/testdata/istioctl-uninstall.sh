# source: https://istio.io/latest/docs/setup/install/istioctl/#uninstall-istio (uninstall --purge; the istio-system namespace stays until deleted by hand)
istioctl uninstall --purge
istioctl install --set profile=minimal -y > /dev/null
istioctl analyze
istioctl uninstall --purge
echo yes | istioctl uninstall --purge
kubectl get ns istio-system
kubectl get pods -n istio-system
istioctl version
kubectl delete namespace istio-system
istioctl verify-install
