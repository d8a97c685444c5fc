// Control flow signals: break/continue/exit and a Ctrl-C abort, thrown through the executor.

export class LoopControl {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {}
}

export class ExitRequest {
  constructor(readonly code: number) {}
}

export class RunAborted {}

/** Iterations all loops of one run() may make together; past it the run stops with exit 1. */
export const MAX_LOOP_ITERATIONS = 10_000
/** Nesting depth of `$(...)` and `( ... )`. */
export const MAX_SUBSHELL_DEPTH = 32
