// Request headers server.ts sets on every request (overwriting client values)
// for Next.js code to read. No Next.js imports here: server.ts loads this file
// before Next.js is ready.

/** The client's address as server.ts saw it. */
export const CLIENT_IP_HEADER = 'x-mesh-dojo-client-ip'

/** The request's path and query, so layouts can return signed-out visitors after sign-in. */
export const REQUEST_PATH_HEADER = 'x-mesh-dojo-path'
