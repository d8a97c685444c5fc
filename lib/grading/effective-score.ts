// An attempt's effective score: a grader's override when there is one, else the automatic grade.

export function effectiveScore(a: { score: number | null; overrideScore: number | null }): number | null {
  return a.overrideScore ?? a.score
}
