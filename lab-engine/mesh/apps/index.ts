// mesh/apps public surface: what the data plane, DNS and curl parts import.
//
// - appForImage(image): the workload behind a sidecar, from the container image.
// - internetHost(name) / internetHostForAddress(ip): the simulated internet.
// - the AppRequest/AppResponse/AppContext types the data plane fills in.

export type { AppContext, AppModel, AppRequest, AppResponse, Header, PodIdentity, TcpReply, UpstreamCall, UpstreamFailure } from './types'
export { isUpstreamFailure } from './types'
export { appForContainer, appForImage, isKnownImage, listensOnNothing, unknownImageLogLine } from './catalogue'
export { containerArgv, listeningPorts, type ContainerCommand } from './container'
export { CLUSTER_PUBLIC_ADDRESS, INTERNET_HOSTS, internetHost, internetHostForAddress, type InternetHost, type InternetPort } from './internet'
export { SERVICE_TIMES, drawServiceTime, type ServiceTimeProfile } from './service-time'
export { DEMO_JWT, GROUPS_SCOPE_JWT, SAMPLE_JWKS_JSON, SAMPLE_JWT_ISSUER } from './jwt-samples'
export { reasonPhrase } from './http-util'
