// The fortio release the simulated fortio/fortio image carries (the mesh's fortio server says the same).

export const FORTIO_VERSION = '1.69.0'

/** What fortio's User-Agent header says (fhttp: "fortio.org/fortio-" + version). */
export const FORTIO_USER_AGENT = `fortio.org/fortio-${FORTIO_VERSION}`

/** version.Long(): version, Go toolchain, arch and OS (the image's build). */
export const FORTIO_LONG_VERSION = `${FORTIO_VERSION} go1.23.4 amd64 linux`
