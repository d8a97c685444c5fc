// PromQL syntax tree: the node kinds our PromQL subset parses into.

export type MatchOp = '=' | '!=' | '=~' | '!~'

export interface LabelMatcher {
  readonly name: string
  readonly op: MatchOp
  readonly value: string
  /** Compiled, anchored regex for =~ and !~. */
  readonly re?: RegExp
}

export type AggregateOp = 'sum' | 'avg' | 'min' | 'max' | 'count' | 'group' | 'stddev' | 'stdvar' | 'quantile' | 'topk' | 'bottomk'

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or' | 'unless'

export interface Grouping {
  readonly mode: 'by' | 'without'
  readonly labels: readonly string[]
}

export interface VectorMatching {
  readonly mode: 'on' | 'ignoring'
  readonly labels: readonly string[]
}

export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly pos: number }
  | { readonly kind: 'string'; readonly value: string; readonly pos: number }
  | {
      readonly kind: 'selector'
      readonly name?: string
      readonly matchers: readonly LabelMatcher[]
      /** Range in ms for a range-vector selector (`x[5m]`). */
      readonly rangeMs?: number
      readonly offsetMs: number
      readonly pos: number
    }
  | { readonly kind: 'call'; readonly func: string; readonly args: readonly Expr[]; readonly pos: number }
  | {
      readonly kind: 'aggregate'
      readonly op: AggregateOp
      readonly grouping: Grouping | null
      readonly param?: Expr
      readonly expr: Expr
      readonly pos: number
    }
  | {
      readonly kind: 'binary'
      readonly op: BinaryOp
      readonly lhs: Expr
      readonly rhs: Expr
      readonly returnBool: boolean
      readonly matching: VectorMatching | null
      readonly pos: number
    }
  | { readonly kind: 'unary'; readonly op: '-' | '+'; readonly expr: Expr; readonly pos: number }
  | { readonly kind: 'paren'; readonly expr: Expr; readonly pos: number }

export const AGGREGATE_OPS: readonly AggregateOp[] = ['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar', 'quantile', 'topk', 'bottomk']

export const COMPARISON_OPS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>='])

export const SET_OPS: ReadonlySet<string> = new Set(['and', 'or', 'unless'])
