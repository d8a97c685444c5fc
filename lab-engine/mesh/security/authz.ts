// Authorization: the AuthorizationPolicies that apply to a workload, evaluated in Istio's documented order.
//
// Istio "Authorization" concept page (implicit enablement, allow/deny
// evaluation) and istiod's builder (pilot/pkg/security/authz/builder):
// 1. CUSTOM: Istio calls the extension provider named in meshConfig; when the
//    provider is not defined there, istiod generates a DENY for the policy's
//    rules instead ("failed to process CUSTOM action ... will generate deny
//    configs"). No external authorizer is simulated: an unknown provider
//    denies matching requests; a configured one is treated as allowing them.
// 2. DENY: any matching rule denies.
// 3. ALLOW: when any ALLOW policy applies, a request must match one of its
//    rules; with none, the request is allowed. `spec: {}` is an ALLOW policy
//    without rules: it matches nothing, so it denies everything ("allow-nothing");
//    `rules: [{}]` matches everything ("allow-all").
// AUDIT policies never change the decision; they are reported. Policies
// annotated `istio.io/dry-run: "true"` are evaluated but not enforced.
// A denied HTTP request gets 403 `RBAC: access denied`; a denied TCP
// connection is closed.

import type { KubeObject } from '../../cluster/types'
import { evaluateRule, type AuthzAction, type AuthzRequest } from './authz-rule'
import { refOf, specOf, type PolicyRef } from './types'

export { type AuthzRequest } from './authz-rule'

/** Rules evaluated per request across all policies (istiod has no limit; this bounds one request's work). */
export const MAX_RULES_EVALUATED = 10_000

export const RBAC_DENIED_BODY = 'RBAC: access denied'
const DRY_RUN_ANNOTATION = 'istio.io/dry-run'

export interface RuleHit {
  readonly action: AuthzAction
  readonly policy: PolicyRef
  readonly ruleIndex: number
  /** The Envoy RBAC policy name istiod generates: ns[<ns>]-policy[<name>]-rule[<i>]. */
  readonly envoyPolicyName: string
}

export interface AuthzDecision {
  readonly allowed: boolean
  readonly status?: 403
  readonly body?: typeof RBAC_DENIED_BODY
  /** For TCP a denial closes the connection instead of answering. */
  readonly connectionClosed?: true
  readonly decidedBy: 'custom' | 'deny' | 'allow' | 'allow-none-matched' | 'no-allow-policy'
  /** The rule that decided (absent when no rule matched). */
  readonly hit?: RuleHit
  /** The ALLOW policies none of whose rules matched, when that denied the request. */
  readonly unmatchedAllowPolicies?: readonly PolicyRef[]
  readonly audited: readonly RuleHit[]
  /** Dry-run policies' matching rules: what they would have done. */
  readonly dryRun: readonly RuleHit[]
  readonly explanation: string
}

export interface AuthzOptions {
  /** meshConfig.extensionProviders names (none in the sim's default mesh config). */
  readonly extensionProviders?: readonly string[]
}

interface Candidate { readonly policy: KubeObject; readonly action: AuthzAction; readonly dryRun: boolean }

const ACTIONS: readonly string[] = ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']

function candidatesOf(policies: readonly KubeObject[]): Candidate[] {
  return policies.filter((p) => p.kind === 'AuthorizationPolicy').flatMap((policy) => {
    const action = String(specOf(policy).action ?? 'ALLOW')
    if (!ACTIONS.includes(action)) return []
    return [{ policy, action: action as AuthzAction, dryRun: policy.metadata.annotations?.[DRY_RUN_ANNOTATION] === 'true' }]
  })
}

function hitOf(c: Candidate, ruleIndex: number): RuleHit {
  const ref = refOf(c.policy)
  return { action: c.action, policy: ref, ruleIndex, envoyPolicyName: `ns[${ref.namespace}]-policy[${ref.name}]-rule[${ruleIndex}]` }
}

/** The first rule of the policy that matches, honouring the per-request rule budget. */
function firstMatch(c: Candidate, req: AuthzRequest, budget: { left: number }): RuleHit | undefined {
  const rules = Array.isArray(specOf(c.policy).rules) ? (specOf(c.policy).rules as unknown[]) : []
  for (let i = 0; i < rules.length && budget.left > 0; i++, budget.left--) {
    if (evaluateRule(rules[i], req, c.action) === 'match') return hitOf(c, i)
  }
  return undefined
}

/** Evaluates the workload's applicable AuthorizationPolicies (see authorizationPoliciesFor) for one request. */
export function authorize(policies: readonly KubeObject[], req: AuthzRequest, opts: AuthzOptions = {}): AuthzDecision {
  // Most workloads have no policy at all: the answer allStage gives for none, without the evaluator.
  if (policies.length === 0) return { allowed: true, decidedBy: 'no-allow-policy', audited: [], dryRun: [], explanation: NO_ALLOW_POLICY }
  const ev = evaluator(candidatesOf(policies), req)
  const common = { audited: ev.hits('AUDIT', false).map((x) => x.hit), dryRun: DRY_RUN_ORDER.flatMap((a) => ev.hits(a, true).map((x) => x.hit)) }
  const configured = opts.extensionProviders ?? []
  const custom = ev.hits('CUSTOM', false).find((x) => !configured.includes(providerOf(x.c.policy)))
  if (custom) return deny(req, common, 'custom', custom.hit, `CUSTOM provider "${providerOf(custom.c.policy)}" is not in meshConfig.extensionProviders, so istiod denies what the rule matches (no external authorizer is simulated)`)
  const denied = ev.hits('DENY', false)[0]
  if (denied) return deny(req, common, 'deny', denied.hit, 'a DENY rule matched')
  return allowStage(ev, req, common)
}

const DRY_RUN_ORDER: readonly AuthzAction[] = ['CUSTOM', 'DENY', 'ALLOW', 'AUDIT']

const NO_ALLOW_POLICY = 'no ALLOW policy applies to the workload: allowed'

type Evaluator = ReturnType<typeof evaluator>

/** Matches policies of one action lazily, sharing one rule budget per request. */
function evaluator(all: readonly Candidate[], req: AuthzRequest) {
  const budget = { left: MAX_RULES_EVALUATED }
  return {
    all,
    hits: (action: AuthzAction, dryRun: boolean) => all
      .filter((c) => c.action === action && c.dryRun === dryRun)
      .flatMap((c) => { const hit = firstMatch(c, req, budget); return hit ? [{ c, hit }] : [] }),
  }
}

/** ALLOW: with no ALLOW policy everything passes; otherwise one rule must match. */
function allowStage(ev: Evaluator, req: AuthzRequest, common: Pick<AuthzDecision, 'audited' | 'dryRun'>): AuthzDecision {
  const allowPolicies = ev.all.filter((c) => c.action === 'ALLOW' && !c.dryRun)
  if (allowPolicies.length === 0) return { allowed: true, decidedBy: 'no-allow-policy', ...common, explanation: NO_ALLOW_POLICY }
  const allowed = ev.hits('ALLOW', false)[0]
  if (allowed) return { allowed: true, decidedBy: 'allow', hit: allowed.hit, ...common, explanation: `allowed by rule ${allowed.hit.ruleIndex} of ${name(allowed.hit.policy)}` }
  const unmatched = allowPolicies.map((c) => refOf(c.policy))
  const why = `ALLOW policies apply (${unmatched.map(name).join(', ')}) but none of their rules matched`
  return { ...deny(req, common, 'allow-none-matched', undefined, why), unmatchedAllowPolicies: unmatched }
}

function providerOf(policy: KubeObject): string {
  const provider = specOf(policy).provider as { name?: unknown } | undefined
  return typeof provider?.name === 'string' ? provider.name : ''
}

function name(ref: PolicyRef): string {
  return `${ref.namespace}/${ref.name}`
}

function deny(req: AuthzRequest, common: Pick<AuthzDecision, 'audited' | 'dryRun'>, decidedBy: AuthzDecision['decidedBy'], hit: RuleHit | undefined, why: string): AuthzDecision {
  const where = hit ? ` (rule ${hit.ruleIndex} of ${name(hit.policy)})` : ''
  const base = { allowed: false, decidedBy, ...common, ...(hit ? { hit } : {}), explanation: `denied: ${why}${where}` } as const
  return req.protocol === 'tcp' ? { ...base, connectionClosed: true } : { ...base, status: 403, body: RBAC_DENIED_BODY }
}
