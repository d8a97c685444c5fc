# source: https://kubernetes.io/docs/tasks/administer-cluster/dns-debugging-resolution/ (resolv.conf, nslookup kubernetes.default; curl 8.x error lines)
kubectl create deployment web --image=nginx:1.27 --port=80
kubectl expose deployment web --port=80
kubectl run client --image=curlimages/curl -- sleep infinity
kubectl rollout status deployment/web
sleep 5
kubectl exec client -- cat /etc/resolv.conf
kubectl exec client -- nslookup kubernetes.default
kubectl exec client -- nslookup nope
kubectl exec client -- sh -c 'env | grep ^WEB_SERVICE'
kubectl exec client -- curl -sS http://nope:8080/
kubectl exec client -- curl -s -o /dev/null -w '%{http_code}\n' http://web.default.svc.cluster.local/
kubectl exec client -- wget -qO- http://nope/
kubectl exec client -- curl http://web/
curl -sS http://web.default.svc.cluster.local/
