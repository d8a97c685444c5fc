// PromQL values: scalars, strings, instant vectors and range vectors as the evaluator passes them around.

import type { Labels } from './labels'
import type { Sample } from './series'

export type ValueType = 'scalar' | 'string' | 'vector' | 'matrix'

export interface VectorSample {
  readonly labels: Labels
  readonly v: number
}

export interface MatrixSeries {
  readonly labels: Labels
  readonly samples: readonly Sample[]
}

export type Value =
  | { readonly type: 'scalar'; readonly v: number }
  | { readonly type: 'string'; readonly v: string }
  | { readonly type: 'vector'; readonly samples: readonly VectorSample[] }
  | {
      readonly type: 'matrix'
      readonly series: readonly MatrixSeries[]
      /** The selected window (start exclusive, end inclusive), for rate()'s extrapolation. */
      readonly startMs: number
      readonly endMs: number
    }

export const scalar = (v: number): Value => ({ type: 'scalar', v })
export const vector = (samples: readonly VectorSample[]): Value => ({ type: 'vector', samples })

/** Human names used in type errors, as Prometheus words them. */
export function typeName(t: ValueType): string {
  return t === 'vector' ? 'instant vector' : t === 'matrix' ? 'range vector' : t
}
