# source: https://kubernetes.io/docs/reference/kubectl/quick-reference/ (piping kubectl output through grep/awk/sed/xargs, as the quick reference's shell loops do; awk/sed/xargs shapes per GNU/POSIX)
kubectl get pods -A | awk 'NR>1 {print $1}' | sort | uniq -c
kubectl get pods -n kube-system --no-headers | awk '$3 == "Running" {n++} END {print n, "running"}'
kubectl get ns -o name | sed 's|^namespace/||'
kubectl get ns --no-headers | sed -n '/^kube-/p' | awk '{print toupper($1)}'
kubectl get pods -n kube-system -o name | grep -E 'coredns|etcd' | xargs -n1 basename
kubectl get pods -n kube-system --no-headers | awk '{split($2, r, "/"); ready += r[1]} END {printf "%d containers ready\n", ready}'
kubectl get pods -n kube-system -o name | head -2 | xargs -I {} echo "pod: {}"
for pod in $(kubectl get po -n kube-system --output=jsonpath={.items..metadata.name} | tr ' ' '\n' | grep '^kube-'); do echo "$pod" | sed -E 's/-kind-control-plane$//'; done
kubectl get pods -A | grep -E '(a+)+$'
