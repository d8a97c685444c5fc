// Manifests Istio's tasks apply inline, shared by the tests that follow those tasks.

/** The circuit-breaking task's DestinationRule for httpbin: one connection, one pending request, one request per connection. */
export const CIRCUIT_BREAKER_RULE = `kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: httpbin
spec:
  host: httpbin
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: 1
      http:
        http1MaxPendingRequests: 1
        maxRequestsPerConnection: 1
    outlierDetection:
      consecutive5xxErrors: 1
      interval: 1s
      baseEjectionTime: 3m
      maxEjectionPercent: 100
EOF
`
