import { describe, expect, it } from 'vitest'
import { runScript } from '../sim/session'
import { resolveFromHost } from './host-curl'

describe('curl on the learner terminal', () => {
  it('resolves IPs, localhost and nip.io names only', () => {
    expect(resolveFromHost('172.18.255.200')).toEqual(['172.18.255.200'])
    expect(resolveFromHost('localhost')).toEqual(['127.0.0.1'])
    expect(resolveFromHost('bookinfo.172.18.255.200.nip.io')).toEqual(['172.18.255.200'])
    expect(resolveFromHost('app-172-18-255-201.sslip.io')).toBeUndefined()
    expect(resolveFromHost('172-18-255-201.sslip.io')).toEqual(['172.18.255.201'])
    expect(resolveFromHost('web.default.svc.cluster.local')).toBeUndefined()
    expect(resolveFromHost('999.1.1.1')).toBeUndefined()
  })

  it('cannot resolve cluster names (exit 6) and finds nothing listening on a LoadBalancer IP (exit 7)', async () => {
    const results = await runScript('kubectl create deployment web --image=nginx\nkubectl expose deployment web --port=80\ncurl -sS http://web/\ncurl -s -o /dev/null -w "%{http_code}" 172.18.255.200')
    expect(results[2]).toMatchObject({ stderr: 'curl: (6) Could not resolve host: web\n', exitCode: 6 })
    expect(results[3]).toMatchObject({ stdout: '000', exitCode: 7 })
  })
})
