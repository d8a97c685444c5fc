# A 40-statement tour of the sim: namespaces, deployments, services, labels,
# jsonpath, heredoc applies, sidecar injection, istioctl install and analyze.
kubectl create namespace shop
kubectl get ns shop --show-labels
kubectl label namespace shop istio-injection=enabled
kubectl get ns -l istio-injection=enabled -o name
kubectl create deployment web --image=nginx:1.27 --replicas=2 -n shop
kubectl rollout status deployment/web -n shop
kubectl get deploy web -n shop -o jsonpath='{.spec.replicas} {.status.readyReplicas}{"\n"}'
kubectl expose deployment web --port=80 -n shop
kubectl get svc web -n shop -o jsonpath='{.spec.ports[0].port}/{.spec.ports[0].protocol}{"\n"}'
kubectl get endpoints web -n shop -o jsonpath='{range .subsets[*].addresses[*]}{.targetRef.kind}{"\n"}{end}' | sort | uniq -c
kubectl label deployment web tier=frontend -n shop
kubectl get deploy -n shop -l tier=frontend -o custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[0].image
kubectl scale deployment web --replicas=3 -n shop
kubectl wait --for=condition=Available deployment/web -n shop --timeout=60s
kubectl get pods -n shop -l app=web --no-headers | wc -l
cat <<'YAML' | kubectl apply -f -
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  greeting: hello
YAML
kubectl get configmap settings -n shop -o jsonpath='{.data.greeting}{"\n"}'
kubectl create secret generic creds --from-literal=user=admin -n shop
echo "user=$(kubectl get secret creds -n shop -o jsonpath='{.data.user}' | base64 -d)"
kubectl annotate deployment web owner=team-a -n shop
kubectl get deploy web -n shop -o jsonpath='{.metadata.annotations.owner}{"\n"}'
kubectl get pods -n shop -o jsonpath='{.items[0].spec.containers[*].name}{"\n"}'
istioctl install --set profile=demo -y
kubectl wait --for=condition=Ready pods --all -n istio-system --timeout=300s
kubectl get deploy -n istio-system
kubectl rollout restart deployment/web -n shop
kubectl rollout status deployment/web -n shop --timeout=120s
kubectl get pods -n shop -l app=web -o jsonpath='{range .items[*]}{.spec.containers[*].name}{"\n"}{end}' | sort -u
kubectl get pods -n shop -l app=web --no-headers | awk '{print $2, $3}' | sort | uniq -c
cat > vs.yaml <<'YAML'
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
  namespace: shop
spec:
  hosts:
  - web
  http:
  - route:
    - destination:
        host: web
        subset: v1
YAML
kubectl apply -f vs.yaml
istioctl analyze -n shop
echo "analyze exit code: $?"
kubectl get virtualservices -n shop
kubectl delete -f vs.yaml
istioctl analyze -n shop
kubectl delete namespace shop
kubectl get ns shop
kubectl get ns -o name | grep -c .
for ns in default istio-system; do echo "$ns: $(kubectl get pods -n $ns --no-headers 2>/dev/null | wc -l)"; done
