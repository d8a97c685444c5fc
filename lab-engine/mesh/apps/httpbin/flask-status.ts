// httpbin's /status/<code> answers (helpers.status_code): an empty body except for a few codes with special headers or text.
//
// Redirect codes point Location at /redirect/1; 401 and 407 carry a fake
// Basic realm challenge; 402 and 418 have their jokes and an X-More-Info link;
// 406 lists the accepted media types.

import type { Header } from '../types'

export interface StatusOut { status: number; body: string; contentType?: string; headers?: Header[] }

const TEAPOT = `
    -=[ teapot ]=-

       _...._
     .'  _ _ \`.
    | ."\` ^ \`". _,
    \\_;\`"---"\`|//
      |       ;/
      \\_     _/
        \`"""\`
`

const REDIRECT: Header[] = [['location', '/redirect/1']]

const SPECIAL: Record<number, { body?: string; headers: Header[] }> = {
  301: { headers: REDIRECT }, 302: { headers: REDIRECT }, 303: { headers: REDIRECT }, 305: { headers: REDIRECT }, 307: { headers: REDIRECT },
  304: { body: '', headers: [] },
  401: { headers: [['WWW-Authenticate', 'Basic realm="Fake Realm"']] },
  402: { body: 'Fuck you, pay me!', headers: [['x-more-info', 'http://vimeo.com/22053820']] },
  406: {
    body: '{"message": "Client did not request a supported media type.", "accept": ["image/webp", "image/svg+xml", "image/jpeg", "image/png", "image/*"]}',
    headers: [['Content-Type', 'application/json']],
  },
  407: { headers: [['Proxy-Authenticate', 'Basic realm="Fake Realm"']] },
  418: { body: TEAPOT, headers: [['x-more-info', 'http://tools.ietf.org/html/rfc2324']] },
}

/**
 * The Response httpbin builds for one code. Observed on httpbin.org and the
 * kennethreitz image: a plain code carries `Content-Type: text/html; charset=utf-8`,
 * while the codes with their own headers (418, 401, the redirects...) carry
 * no Content-Type unless they set one (406's JSON).
 */
export function flaskStatusResponse(code: number): StatusOut {
  const special = SPECIAL[code]
  const ownType = special?.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1]
  const plain = !special || special.headers.length === 0
  return {
    status: code,
    body: special?.body ?? '',
    contentType: ownType ?? (plain ? 'text/html; charset=utf-8' : undefined),
    headers: special?.headers.filter(([k]) => k.toLowerCase() !== 'content-type') ?? [],
  }
}
