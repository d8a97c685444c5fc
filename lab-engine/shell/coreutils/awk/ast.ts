// awk syntax tree: expressions, statements and the pattern-action items of a program.

export type Expr =
  | { type: 'num'; value: number }
  | { type: 'str'; value: string }
  | { type: 'regex'; source: string }
  | { type: 'var'; name: string }
  | { type: 'index'; name: string; keys: Expr[] }
  | { type: 'field'; index: Expr }
  | { type: 'assign'; op: string; target: Expr; value: Expr }
  | { type: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { type: 'binary'; op: string; left: Expr; right: Expr }
  | { type: 'unary'; op: string; operand: Expr }
  | { type: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { type: 'match'; negate: boolean; subject: Expr; pattern: Expr }
  | { type: 'in'; keys: Expr[]; array: string }
  | { type: 'concat'; left: Expr; right: Expr }
  | { type: 'call'; name: string; args: Expr[] }
  | { type: 'group'; expr: Expr }

export type Stmt =
  | { type: 'expr'; expr: Expr }
  | { type: 'print'; args: Expr[]; redirect: Redirect | null }
  | { type: 'printf'; args: Expr[]; redirect: Redirect | null }
  | { type: 'block'; body: Stmt[] }
  | { type: 'if'; test: Expr; yes: Stmt; no: Stmt | null }
  | { type: 'while'; test: Expr; body: Stmt }
  | { type: 'do'; body: Stmt; test: Expr }
  | { type: 'for'; init: Stmt | null; test: Expr | null; step: Stmt | null; body: Stmt }
  | { type: 'forin'; key: string; array: string; body: Stmt }
  | { type: 'next' | 'break' | 'continue' }
  | { type: 'exit'; code: Expr | null }
  | { type: 'delete'; name: string; keys: Expr[] | null }

/** `print > "file"` (truncate on first use in the run) or `>> "file"` (append). */
export interface Redirect { append: boolean; target: Expr }

export interface Item {
  kind: 'begin' | 'end' | 'main'
  /** No pattern: every record; two: a range `p1, p2`. */
  patterns: Expr[]
  /** Null: the default action, `{ print }`. */
  action: Stmt[] | null
}

export interface Program { items: Item[] }
