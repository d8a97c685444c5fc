// mesh/apps public surface: what the data plane, DNS and curl parts import.
//
// How the data plane uses it, per request that reaches a pod port:
// 1. `appForContainer({ image, command, args, env })` for each app container
//    (prefer it to appForImage: the command line decides the ports, e.g.
//    gunicorn `-b 0.0.0.0:8080`, `fortio load` binding none; pass `readFile`
//    so a ConfigMap-mounted nginx.conf decides nginx's ports and `tlsPorts`);
//    no container whose model listensOn(port) means connection refused (curl 7).
// 2. `handle(req, ctx)`: fill AppContext with the pod identity (command/args
//    too, for access-log flags and fortio's port roles), the session Rng and
//    clock, an upstream() that routes through the calling pod's sidecar, a
//    per-container `state` map, and `prometheus` for the Prometheus addon.
// 3. Let `serviceTimeMs` pass on the clock; honour `abort` (`empty-reply`:
//    curl 52; `not-http`: curl 1 "Received HTTP/0.9 when not allowed") and,
//    for callers without a sidecar in between, `statusText`.
// Raw TCP clients (nc) use `tcp(input, port, ctx)` where a model has it.
// Outside the cluster: `internetHost(name)` / `internetHostForAddress(ip)`.

export type { AppContext, AppModel, AppRequest, AppResponse, Header, PodIdentity, TcpReply, UpstreamCall, UpstreamFailure } from './types'
export { isUpstreamFailure } from './types'
export { appForContainer, appForImage, isKnownImage, listensOnNothing, unknownImageLogLine } from './catalogue'
export { containerArgv, listeningPorts, type ContainerCommand } from './container'
export { volumeDirLister, volumeFileReader, type ObjectLookup, type VolumeDirListing } from './volume-files'
export { CLUSTER_PUBLIC_ADDRESS, INTERNET_HOSTS, internetHost, internetHostForAddress, type InternetHost, type InternetPort } from './internet'
export { SERVICE_TIMES, drawServiceTime, type ServiceTimeProfile } from './service-time'
export { DEMO_JWT, GROUPS_SCOPE_JWT, SAMPLE_JWKS_JSON, SAMPLE_JWT_ISSUER } from './jwt-samples'
export { reasonPhrase } from './http-util'
