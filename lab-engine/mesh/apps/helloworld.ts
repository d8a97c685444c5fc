// Istio's helloworld sample (istio/examples-helloworld-v1/v2; samples/helloworld/src/app.py): Flask under gunicorn on 5000.
//
// `/hello` answers `Hello version: <SERVICE_VERSION>, instance: <HOSTNAME>` after
// a deliberately CPU-heavy loop (a million square roots; on the order of 100 ms
// in CPython, which is why the autoscaling and locality docs use it).
// `/health` answers "Helloworld is healthy". The image bakes SERVICE_VERSION
// (v1 or v2); a pod env value overrides it.

import { pathOnly } from './http-util'
import { respond } from './respond'
import type { ServiceTimeProfile } from './service-time'
import type { AppContext, AppModel, AppRequest, AppResponse } from './types'

/** The CPU loop plus Flask: the model's service time. */
export const HELLOWORLD_SERVICE_TIME: ServiceTimeProfile = { baseMs: 110, jitterMs: 40 }

const NOT_FOUND = '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n'

function answer(req: AppRequest, ctx: AppContext, imageVersion: string): { status: number; body: string; profile: ServiceTimeProfile } {
  const path = pathOnly(req.path)
  if (path === '/hello') {
    const version = ctx.pod.env.SERVICE_VERSION ?? imageVersion
    return { status: 200, body: `Hello version: ${version}, instance: ${ctx.pod.env.HOSTNAME ?? ctx.pod.name}\n`, profile: HELLOWORLD_SERVICE_TIME }
  }
  if (path === '/health') return { status: 200, body: 'Helloworld is healthy', profile: { baseMs: 1, jitterMs: 1 } }
  return { status: 404, body: NOT_FOUND, profile: { baseMs: 1, jitterMs: 1 } }
}

export function helloworldApp(imageVersion: 'v1' | 'v2'): AppModel {
  return {
    name: 'helloworld',
    ports: [5000],
    listensOn: (port) => port === 5000,
    async handle(req, ctx): Promise<AppResponse> {
      const a = answer(req, ctx, imageVersion)
      return respond(ctx, {
        status: a.status, body: req.method === 'HEAD' ? '' : a.body, server: 'gunicorn', dateFirst: true,
        headers: [['Connection', 'keep-alive'], ['Content-Type', 'text/html; charset=utf-8'], ['Content-Length', String(new TextEncoder().encode(a.body).length)]],
        profile: a.profile,
      })
    },
  }
}
