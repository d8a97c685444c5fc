// The field documentation `kubectl explain` prints: the types and fields learners meet, descriptions in our own words.
//
// Field names, types and required markers follow the OpenAPI / CRD schemas that
// kubernetes-models and @kubernetes-models/istio carry (explain-fields.test.ts
// checks every name against their .d.ts files, named in `source`). Types print
// as kubectl's explain does: built-in kinds by schema name (<PodSpec>,
// <[]Container>), CRD fields as <Object> / <[]Object>.

export interface FieldDoc {
  type: string
  desc: string
  /** The documented type this field's value is (for descending into it). */
  ref?: string
  required?: boolean
  enum?: string[]
}

export interface TypeDoc {
  desc: string
  fields: Record<string, FieldDoc>
  /** Where the field names come from: a .d.ts under node_modules (see the test). */
  source?: string
}

const API_VERSION: FieldDoc = { type: 'string', desc: 'The version of the schema this object follows. Servers convert recognized versions to their internal one and reject unknown ones.' }
const KIND: FieldDoc = { type: 'string', desc: 'The REST resource this object represents, in CamelCase. Servers may infer it from the endpoint the client posts to; it cannot be updated.' }
const METADATA: FieldDoc = { type: 'ObjectMeta', ref: 'ObjectMeta', desc: "Standard object metadata: name, namespace, labels, annotations and the server's bookkeeping." }

function crd(desc: string, specRef: string, specDesc: string): TypeDoc {
  return { desc, fields: { apiVersion: API_VERSION, kind: KIND, metadata: { ...METADATA, type: 'ObjectMeta' }, spec: { type: 'Object', ref: specRef, desc: specDesc }, status: { type: 'Object', desc: 'Status written by Istio (validation messages, observed generation).' } } }
}

const K8S = 'kubernetes-models'
const ISTIO = '@kubernetes-models/istio'

export const TYPES: Record<string, TypeDoc> = {
  ObjectMeta: {
    source: '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta.d.ts',
    desc: 'Metadata every persisted resource has: identity (name, namespace, uid), organization (labels, annotations) and server bookkeeping.',
    fields: {
      annotations: { type: 'map[string]string', desc: 'Unstructured key/value data tools attach to the object; not used for selecting objects.' },
      labels: { type: 'map[string]string', desc: 'Key/value pairs used to organize and select objects (selectors of services, replica sets and policies match them).' },
      name: { type: 'string', desc: 'Unique name within the namespace. Required on create (unless generateName is set) and cannot be changed.' },
      namespace: { type: 'string', desc: 'The namespace the object lives in. Empty means "default" for namespaced kinds; cluster-scoped kinds have none.' },
    },
  },
  Pod: {
    source: `${K8S}/v1/Pod.d.ts`,
    desc: 'A Pod is a group of containers that share network and storage and are scheduled together onto a node.',
    fields: { apiVersion: API_VERSION, kind: KIND, metadata: METADATA, spec: { type: 'PodSpec', ref: 'PodSpec', desc: 'The desired behaviour of the pod: its containers, volumes and scheduling constraints.' }, status: { type: 'PodStatus', desc: 'The most recently observed state of the pod, written by the system. Read-only.' } },
  },
  PodSpec: {
    source: `${K8S}/v1/PodSpec.d.ts`,
    desc: 'PodSpec describes what a pod runs and how.',
    fields: {
      containers: { type: '[]Container', ref: 'Container', required: true, desc: 'The containers of the pod. At least one is required; containers cannot be added or removed once the pod exists.' },
      initContainers: { type: '[]Container', ref: 'Container', desc: 'Containers that run to completion, in order, before the regular containers start.' },
      nodeName: { type: 'string', desc: 'The node the pod is bound to; set by the scheduler.' },
      restartPolicy: { type: 'string', enum: ['Always', 'Never', 'OnFailure'], desc: 'When containers are restarted after they exit. Defaults to Always.' },
      serviceAccountName: { type: 'string', desc: 'The service account the pod runs as (its identity, which Istio also uses for mTLS).' },
      volumes: { type: '[]Volume', desc: 'Volumes the containers of the pod can mount.' },
    },
  },
  Container: {
    source: `${K8S}/v1/Container.d.ts`,
    desc: 'A single application container that runs within a pod.',
    fields: {
      args: { type: '[]string', desc: "Arguments to the entrypoint. The image's CMD is used when not given." },
      command: { type: '[]string', desc: "The entrypoint array, not run in a shell. The image's ENTRYPOINT is used when not given." },
      env: { type: '[]EnvVar', desc: 'Environment variables to set in the container.' },
      image: { type: 'string', desc: 'The container image name, e.g. docker.io/istio/examples-bookinfo-reviews-v1:1.20.2.' },
      imagePullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'], desc: 'When the image is pulled. Defaults to Always for :latest tags, IfNotPresent otherwise.' },
      livenessProbe: { type: 'Probe', desc: 'A periodic check of container liveness; the container restarts when it fails.' },
      name: { type: 'string', required: true, desc: 'The name of the container, unique within the pod (a DNS label).' },
      ports: { type: '[]ContainerPort', ref: 'ContainerPort', desc: 'Ports the container exposes. Informational: any port the process listens on is reachable.' },
      readinessProbe: { type: 'Probe', desc: 'A periodic check of readiness; the pod leaves service endpoints while it fails.' },
      resources: { type: 'ResourceRequirements', desc: 'Compute resources (CPU, memory) requested and limited for this container.' },
      volumeMounts: { type: '[]VolumeMount', desc: 'Pod volumes to mount into the container filesystem.' },
    },
  },
  ContainerPort: {
    source: `${K8S}/v1/ContainerPort.d.ts`,
    desc: 'A network port of a single container.',
    fields: {
      containerPort: { type: 'integer', required: true, desc: "The port number on the pod's IP address (1-65535)." },
      name: { type: 'string', desc: 'A name for the port, unique in the pod, that services can refer to.' },
      protocol: { type: 'string', enum: ['SCTP', 'TCP', 'UDP'], desc: 'The protocol of the port. Defaults to TCP.' },
    },
  },
  Deployment: {
    source: `${K8S}/apps/v1/Deployment.d.ts`,
    desc: 'A Deployment declares the desired state of a set of identical pods and rolls changes out through ReplicaSets.',
    fields: { apiVersion: API_VERSION, kind: KIND, metadata: METADATA, spec: { type: 'DeploymentSpec', ref: 'DeploymentSpec', desc: 'The desired behaviour of the Deployment.' }, status: { type: 'DeploymentStatus', desc: 'The most recently observed status of the Deployment.' } },
  },
  DeploymentSpec: {
    source: `${K8S}/apps/v1/DeploymentSpec.d.ts`,
    desc: 'DeploymentSpec is the specification of the desired behaviour of a Deployment.',
    fields: {
      minReadySeconds: { type: 'integer', desc: 'How long a new pod must be ready, without crashing, to count as available. Defaults to 0.' },
      paused: { type: 'boolean', desc: 'Whether the deployment is paused: template changes are recorded but not rolled out.' },
      replicas: { type: 'integer', desc: 'Number of desired pods. A pointer to tell an explicit zero from unset. Defaults to 1.' },
      revisionHistoryLimit: { type: 'integer', desc: 'How many old ReplicaSets to keep for rollback. Defaults to 10.' },
      selector: { type: 'LabelSelector', required: true, desc: "Label selector for the pods the deployment manages. Must match the pod template's labels; immutable in apps/v1." },
      strategy: { type: 'DeploymentStrategy', desc: 'How existing pods are replaced by new ones (RollingUpdate or Recreate).' },
      template: { type: 'PodTemplateSpec', required: true, desc: 'The pod template. Its only allowed restartPolicy is Always.' },
    },
  },
  Service: {
    source: `${K8S}/v1/Service.d.ts`,
    desc: 'A Service is a named abstraction of a software service: a stable virtual IP and port in front of the pods its selector matches.',
    fields: { apiVersion: API_VERSION, kind: KIND, metadata: METADATA, spec: { type: 'ServiceSpec', ref: 'ServiceSpec', desc: 'The behaviour of the service: its selector, ports and type.' }, status: { type: 'ServiceStatus', desc: 'The most recently observed status of the service (load balancer ingress).' } },
  },
  ServiceSpec: {
    source: `${K8S}/v1/ServiceSpec.d.ts`,
    desc: 'ServiceSpec describes the attributes a user creates on a service.',
    fields: {
      clusterIP: { type: 'string', desc: 'The virtual IP of the service, usually assigned at random by the cluster; "None" makes a headless service.' },
      ports: { type: '[]ServicePort', ref: 'ServicePort', desc: 'The ports the service exposes. Istio reads the port name or appProtocol to pick the protocol (http, grpc, tcp...).' },
      selector: { type: 'map[string]string', desc: 'Routes traffic to pods whose labels match these key/value pairs.' },
      type: { type: 'string', enum: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'], desc: 'How the service is exposed: ClusterIP (inside the cluster, the default), NodePort (also on every node), LoadBalancer (also through an external load balancer) or ExternalName (a DNS alias).' },
    },
  },
  ServicePort: {
    source: `${K8S}/v1/ServicePort.d.ts`,
    desc: 'ServicePort contains information on one port of a service.',
    fields: {
      appProtocol: { type: 'string', desc: 'The application protocol of the port (e.g. http, grpc); Istio uses it for protocol selection.' },
      name: { type: 'string', desc: 'The name of the port, required when there is more than one. Istio reads a prefix such as http- or grpc-.' },
      nodePort: { type: 'integer', desc: 'The port on each node for NodePort and LoadBalancer services; assigned when not given.' },
      port: { type: 'integer', required: true, desc: 'The port the service listens on.' },
      protocol: { type: 'string', enum: ['SCTP', 'TCP', 'UDP'], desc: 'The IP protocol of the port. Defaults to TCP.' },
      targetPort: { type: 'IntOrString', desc: 'The port (number or container port name) on the pods traffic goes to. Defaults to port.' },
    },
  },
  ConfigMap: {
    source: `${K8S}/v1/ConfigMap.d.ts`,
    desc: 'ConfigMap holds configuration data for pods to consume, as environment variables, command-line arguments or files in a volume.',
    fields: {
      apiVersion: API_VERSION,
      binaryData: { type: 'map[string]string', desc: 'Binary values, base64-encoded. Keys must not also appear in data.' },
      data: { type: 'map[string]string', desc: 'The configuration data as UTF-8 strings. Keys must consist of alphanumeric characters, "-", "_" or ".".' },
      immutable: { type: 'boolean', desc: 'When true, data cannot be updated (only the object deleted and recreated).' },
      kind: KIND,
      metadata: METADATA,
    },
  },
  Secret: {
    source: `${K8S}/v1/Secret.d.ts`,
    desc: 'Secret holds secret data of a certain type. Values are base64-encoded, not encrypted, in the API.',
    fields: {
      apiVersion: API_VERSION,
      data: { type: 'map[string]string', desc: 'The secret values, base64-encoded.' },
      immutable: { type: 'boolean', desc: 'When true, data cannot be updated.' },
      kind: KIND,
      metadata: METADATA,
      stringData: { type: 'map[string]string', desc: 'Write-only convenience: plain-text values merged into data on write; never read back.' },
      type: { type: 'string', desc: 'Used to ease programmatic handling of secret data (Opaque, kubernetes.io/tls, kubernetes.io/dockerconfigjson...).' },
    },
  },
  Namespace: {
    source: `${K8S}/v1/Namespace.d.ts`,
    desc: 'Namespace provides a scope for names. Istio reads the istio-injection label on it to decide sidecar injection.',
    fields: { apiVersion: API_VERSION, kind: KIND, metadata: METADATA, spec: { type: 'NamespaceSpec', desc: 'The finalizers of the namespace.' }, status: { type: 'NamespaceStatus', desc: 'The phase of the namespace (Active or Terminating).' } },
  },
  VirtualService: { ...crd('VirtualService sets the routing rules for traffic to a host: matches, destinations, weights, retries and faults.', 'VirtualServiceSpec', 'Configuration affecting traffic routing.'), source: `${ISTIO}/networking.istio.io/v1/VirtualService.d.ts` },
  VirtualServiceSpec: {
    source: `${ISTIO}/networking.istio.io/v1/VirtualService.d.ts`,
    desc: 'Configuration affecting traffic routing.',
    fields: {
      exportTo: { type: '[]string', desc: 'The namespaces this virtual service is visible to; "." is its own namespace, "*" all of them.' },
      gateways: { type: '[]string', desc: 'The gateways and sidecars that apply these routes; the reserved name "mesh" means every sidecar.' },
      hosts: { type: '[]string', desc: 'The destination hosts these routing rules apply to: service names, FQDNs or wildcard names.' },
      http: { type: '[]Object', ref: 'HTTPRoute', desc: 'An ordered list of route rules for HTTP traffic; the first rule that matches a request wins.' },
      tcp: { type: '[]Object', desc: 'An ordered list of route rules for opaque TCP traffic.' },
      tls: { type: '[]Object', desc: 'An ordered list of route rules for unterminated TLS traffic, matched by SNI.' },
    },
  },
  HTTPRoute: {
    source: `${ISTIO}/networking.istio.io/v1/VirtualService.d.ts`,
    desc: 'An ordered list of route rules for HTTP traffic.',
    fields: {
      fault: { type: 'Object', desc: 'Faults to inject on the client side: delays and aborted requests.' },
      match: { type: '[]Object', desc: 'Conditions a request must meet for this rule to apply (uri, headers, method, port...); alternatives are ORed.' },
      mirror: { type: 'Object', desc: 'Also send a copy of the traffic to another destination, without waiting for its answer.' },
      name: { type: 'string', desc: 'The name of the route, for debugging; also logged in access logs.' },
      redirect: { type: 'Object', desc: 'Answer with an HTTP redirect instead of forwarding.' },
      retries: { type: 'Object', desc: 'The retry policy for requests on this route.' },
      rewrite: { type: 'Object', desc: 'Rewrite the URI or authority before forwarding.' },
      route: { type: '[]Object', desc: 'The destinations to forward to, with optional weights that must add up to 100.' },
      timeout: { type: 'string', desc: 'Timeout for requests on this route.' },
    },
  },
  DestinationRule: { ...crd('DestinationRule sets the policies applied after routing: load balancing, connection pools, outlier detection, TLS, and the subsets of a service.', 'DestinationRuleSpec', 'Configuration affecting load balancing, outlier detection, etc.'), source: `${ISTIO}/networking.istio.io/v1/DestinationRule.d.ts` },
  DestinationRuleSpec: {
    source: `${ISTIO}/networking.istio.io/v1/DestinationRule.d.ts`,
    desc: 'Configuration affecting load balancing, outlier detection, etc.',
    fields: {
      exportTo: { type: '[]string', desc: 'The namespaces this destination rule is visible to.' },
      host: { type: 'string', required: true, desc: 'The name of a service from the service registry the rule applies to.' },
      subsets: { type: '[]Object', ref: 'Subset', desc: 'Named sets of the service\'s endpoints, picked by labels, that routes can send traffic to (e.g. versions).' },
      trafficPolicy: { type: 'Object', ref: 'TrafficPolicy', desc: 'Traffic policies for the whole host: load balancing, connection pool, outlier detection, TLS.' },
    },
  },
  Subset: {
    source: `${ISTIO}/networking.istio.io/v1/DestinationRule.d.ts`,
    desc: "One or more named sets of the service's endpoints.",
    fields: {
      labels: { type: 'map[string]string', desc: "Labels that select the subset's endpoints (pods)." },
      name: { type: 'string', required: true, desc: 'The name of the subset, used by routes as destination.subset.' },
      trafficPolicy: { type: 'Object', ref: 'TrafficPolicy', desc: 'Traffic policies for this subset only; they override the host-level ones.' },
    },
  },
  TrafficPolicy: {
    source: `${ISTIO}/networking.istio.io/v1/DestinationRule.d.ts`,
    desc: 'Traffic policies to apply for a specific destination, across all destination ports.',
    fields: {
      connectionPool: { type: 'Object', desc: 'Limits on connections and requests to the upstream service.' },
      loadBalancer: { type: 'Object', desc: 'The load balancing algorithm (ROUND_ROBIN, LEAST_REQUEST, RANDOM, consistent hashing).' },
      outlierDetection: { type: 'Object', desc: 'Ejecting unhealthy hosts from the load balancing pool.' },
      tls: { type: 'Object', desc: 'TLS settings for connections to the upstream service (e.g. ISTIO_MUTUAL).' },
    },
  },
  Gateway: { ...crd('Gateway describes a load balancer at the edge of the mesh: the ports, protocols and hosts it accepts.', 'GatewaySpec', 'Configuration affecting edge load balancer.'), source: `${ISTIO}/networking.istio.io/v1/Gateway.d.ts` },
  GatewaySpec: {
    source: `${ISTIO}/networking.istio.io/v1/Gateway.d.ts`,
    desc: 'Configuration affecting edge load balancer.',
    fields: {
      selector: { type: 'map[string]string', desc: 'Labels of the gateway pods (e.g. istio: ingressgateway) this configuration applies to.' },
      servers: { type: '[]Object', desc: 'The ports, protocols, hosts and TLS settings the gateway listens with.' },
    },
  },
  PeerAuthentication: { ...crd('PeerAuthentication defines how traffic is tunnelled (or not) to the sidecar: the mutual TLS mode.', 'PeerAuthenticationSpec', 'Peer authentication configuration for workloads.'), source: `${ISTIO}/security.istio.io/v1/PeerAuthentication.d.ts` },
  PeerAuthenticationSpec: {
    source: `${ISTIO}/security.istio.io/v1/PeerAuthentication.d.ts`,
    desc: 'Peer authentication configuration for workloads.',
    fields: {
      mtls: { type: 'Object', ref: 'PeerAuthenticationMtls', desc: 'Mutual TLS settings for the workload.' },
      portLevelMtls: { type: 'map[string]Object', desc: 'Mutual TLS settings per port.' },
      selector: { type: 'Object', desc: 'The workloads the policy applies to, by labels; without it, the whole namespace (or mesh, in the root namespace).' },
    },
  },
  PeerAuthenticationMtls: {
    source: `${ISTIO}/security.istio.io/v1/PeerAuthentication.d.ts`,
    desc: 'Mutual TLS settings for workload.',
    fields: {
      mode: { type: 'string', enum: ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'], desc: 'Which connections are accepted: STRICT (mTLS only), PERMISSIVE (mTLS and plain text), DISABLE (plain text), UNSET (inherit from the parent).' },
    },
  },
  AuthorizationPolicy: { ...crd('AuthorizationPolicy allows, denies or audits requests to workloads by source, operation and conditions.', 'AuthorizationPolicySpec', 'Configuration for access control on workloads.'), source: `${ISTIO}/security.istio.io/v1/AuthorizationPolicy.d.ts` },
  AuthorizationPolicySpec: {
    source: `${ISTIO}/security.istio.io/v1/AuthorizationPolicy.d.ts`,
    desc: 'Configuration for access control on workloads.',
    fields: {
      action: { type: 'string', enum: ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'], desc: 'What happens to a request matching the rules. Defaults to ALLOW.' },
      rules: { type: '[]Object', ref: 'AuthorizationRule', desc: 'A list of rules to match the request; a request matches when any rule matches.' },
      selector: { type: 'Object', desc: 'The workloads the policy applies to; without it, every workload in the namespace.' },
    },
  },
  AuthorizationRule: {
    source: `${ISTIO}/security.istio.io/v1/AuthorizationPolicy.d.ts`,
    desc: 'A list of rules to match the request.',
    fields: {
      from: { type: '[]Object', desc: 'Sources of the request (principals, namespaces, IP blocks); any source may match.' },
      to: { type: '[]Object', desc: 'Operations of the request (hosts, ports, methods, paths); any operation may match.' },
      when: { type: '[]Object', desc: 'Extra conditions on request attributes, all of which must hold.' },
    },
  },
}
