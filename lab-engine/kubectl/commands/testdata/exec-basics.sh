# source: https://kubernetes.io/docs/tasks/debug/debug-application/get-shell-running-container/ (kubectl exec; error lines from k8s.io/kubectl/pkg/cmd/exec/exec.go)
kubectl run shell-demo --image=nginx:1.27
kubectl exec shell-demo -- ls /
kubectl get pod shell-demo
sleep 5
kubectl exec shell-demo -- hostname
kubectl exec shell-demo -- sh -c 'echo "Hello shell demo" > /tmp/index.html; cat /tmp/index.html'
kubectl exec shell-demo -- cat /tmp/index.html
kubectl exec shell-demo -- sh -c 'exit 3'
kubectl exec shell-demo -- ping -c 1 localhost
kubectl exec shell-demo date
kubectl exec shell-demo -c nginx -- ls
kubectl exec nope -- ls
