// Golden istioctl transcripts: testdata/<case>.sh runs in a fresh sim (seed 1) and must equal testdata/<case>.out.
//
// Like kubectl's golden cases: each .sh starts with `# source: <page>` naming the
// documentation or real transcript its shapes follow. Files under testdata/files/
// are preloaded at ~/<name>, and the repo's content/samples at ~/samples.
// UPDATE_GOLDEN=1 rewrites the .out files — then review the diff, never trust it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runScript } from '../sim/session'
import { maskPodNames, transcript } from '../kubectl/commands/script.test-util'

const DIR = path.join(import.meta.dirname, 'testdata')
const SAMPLES = path.join(import.meta.dirname, '../../content/samples')
const UPDATE = process.env.UPDATE_GOLDEN === '1'

/** The sample manifests the transcripts use, read from the repo as the CLI would preload them. */
export function sampleFiles(): Record<string, string> {
  const wanted = ['bookinfo/platform/kube/bookinfo.yaml', 'bookinfo/networking/bookinfo-gateway.yaml', 'bookinfo/networking/destination-rule-all.yaml',
    'bookinfo/networking/virtual-service-all-v1.yaml', 'sleep/sleep.yaml', 'addons/kiali.yaml']
  return Object.fromEntries(wanted.map((f) => [`samples/${f}`, readFileSync(path.join(SAMPLES, f), 'utf8')]))
}

const cases = readdirSync(DIR).filter((f) => f.endsWith('.sh')).map((f) => f.slice(0, -3)).sort()

describe('golden istioctl transcripts', () => {
  it('has cases, each naming its source on the first line', () => {
    expect(cases.length).toBeGreaterThan(0)
    for (const c of cases) expect(readFileSync(path.join(DIR, `${c}.sh`), 'utf8')).toMatch(/^# source: \S+/)
  })

  for (const name of cases) {
    it(name, async () => {
      const script = readFileSync(path.join(DIR, `${name}.sh`), 'utf8')
      const source = script.split('\n')[0]!
      const results = await runScript(script.split('\n').slice(1).join('\n'), { seed: 1, files: sampleFiles() })
      const actual = `${source}\n${maskPodNames(transcript(results))}`
      const outPath = path.join(DIR, `${name}.out`)
      if (UPDATE) writeFileSync(outPath, actual)
      expect(actual).toBe(readFileSync(outPath, 'utf8'))
    }, 30_000)
  }
})
