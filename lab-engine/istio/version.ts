// The Istio release the sim plays: istioctl's client version, istiod's and the proxies' images.
//
// 1.26 supports Kubernetes 1.29-1.33 (istio.io/latest/docs/releases/supported-releases/),
// which covers the sim's kind node (v1.33.1). In 1.26 sidecars are still classic
// containers with an `istio-init` init container (native sidecars, ENABLE_NATIVE_SIDECARS,
// are off by default), so an injected pod reads READY 2/2.

export const ISTIO_VERSION = '1.26.2'

/** The namespace istioctl installs into (its --istioNamespace default). */
export const ISTIO_NAMESPACE = 'istio-system'

export const PROXY_IMAGE = `docker.io/istio/proxyv2:${ISTIO_VERSION}`
export const PILOT_IMAGE = `docker.io/istio/pilot:${ISTIO_VERSION}`

/** Every object istioctl install creates carries this label, so uninstall --purge can find it. */
export const OPERATOR_LABEL = 'operator.istio.io/component'
