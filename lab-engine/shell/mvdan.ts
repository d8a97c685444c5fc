// mvdan-sh is CommonJS (GopherJS): reach its `syntax` through the default
// export, which works under Vitest, tsx and Node's ESM loader alike.
/// <reference path="./mvdan-sh.d.ts" />
import mvdan from 'mvdan-sh'

export type { GoNode } from 'mvdan-sh'
export const syntax = mvdan.syntax
