// kubectl set image: changes container images in a Pod or a workload's pod template (a Deployment's starts a rollout).
//
// Follows k8s.io/kubectl/pkg/cmd/set/set_image.go: arguments split by
// cmdutil.GetResourcesAndPairs (every resource before the first NAME=IMAGE),
// `*` sets every container, init containers included; an unknown container is
// `error: unable to find container named "x"`; an object left unchanged prints
// nothing; a changed one prints `deployment.apps/web image updated`.

import { kindFor } from '../../cluster/kinds'
import { cloneJson, deepEqual } from '../../cluster/object-change'
import type { KubeObject } from '../../cluster/types'
import { kindPrefix } from '../printers'
import type { VerbContext } from './context'
import { PrintedError } from './object-update'
import { noPodTemplate, patchTemplate, podSpecOf, printErrors, setTargets, type Container } from './set-targets'

/** GetResourcesAndPairs: an argument with `=` (not first) or a trailing `-` starts the pairs. */
export function splitResourcesAndPairs(args: readonly string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = []
  const pairs: string[] = []
  for (const a of args) {
    const isPair = (a.includes('=') && !a.startsWith('=')) || (a.endsWith('-') && a !== '-')
    if (isPair) pairs.push(a)
    else if (pairs.length) throw new PrintedError(`error: all resources must be specified before ${pairType} changes: ${a}`)
    else resources.push(a)
  }
  return { resources, pairs }
}

/** ParsePairs without removal: NAME=IMAGE, the last one for a name winning; order kept. */
function parseImagePairs(pairs: readonly string[]): Map<string, string> {
  const out = new Map<string, string>()
  const invalid = pairs.filter((p) => !(p.includes('=') && !p.startsWith('=')))
  if (invalid.length) throw new PrintedError(`error: invalid image format: ${invalid.join(', ')}`)
  for (const p of pairs) out.set(p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1))
  return out
}

export function runSetImage(ctx: VerbContext, args: readonly string[]): number {
  const { resources, pairs } = splitResourcesAndPairs(args, 'image')
  const images = parseImagePairs(pairs)
  const problems: string[] = []
  if (resources.length < 1) problems.push('one or more resources must be specified as <resource> <name> or <resource>/<name>')
  if (images.size < 1) problems.push('at least one image update is required')
  else if (images.size > 1 && images.has('*')) problems.push('all containers are already specified by *, but saw more than one container_name=container_image pairs')
  if (problems.length) return printErrors(ctx, problems)
  const errors: string[] = []
  for (const live of setTargets(ctx, resources)) {
    try {
      ctx.out(setImages(ctx, live, images, errors))
    } catch (e) {
      if (!(e instanceof PrintedError)) throw e
      errors.push(e.message)
    }
  }
  return printErrors(ctx, errors)
}

/** Updates one object; returns the line to print, or '' when nothing changed. */
function setImages(ctx: VerbContext, live: KubeObject, images: Map<string, string>, errors: string[]): string {
  const draft = cloneJson(live) as KubeObject
  const spec = podSpecOf(draft)
  if (!spec) {
    errors.push(noPodTemplate(live, kindFor(live.apiVersion, live.kind)?.plural ?? live.kind.toLowerCase()))
    return ''
  }
  for (const [name, image] of images) {
    const inInit = setImage(spec.initContainers, name, image)
    const inMain = setImage(spec.containers, name, image)
    if (!inInit && !inMain) errors.push(`error: unable to find container named ${JSON.stringify(name)}`)
  }
  if (deepEqual(draft, live)) return ''
  const next = patchTemplate(ctx, live, draft, 'image')
  return `${kindPrefix(next)}/${next.metadata.name} image updated\n`
}

function setImage(containers: Container[] | undefined, name: string, image: string): boolean {
  let found = false
  for (const c of containers ?? []) {
    if (c.name !== name && name !== '*') continue
    found = true
    c.image = image
  }
  return found
}
