// Prompt: bash's PS1 `\u@\h:\w\$ ` for the sim session, with the home directory shown as `~`.
import type { Shell } from '../interpreter'
import { HOME_DIR } from '../vfs'

export const DEFAULT_HOSTNAME = 'mesh-dojo'

/** A prompt function for LineEditor: `learner@mesh-dojo:~/samples$ `. */
export function shellPrompt(shell: Shell, host = DEFAULT_HOSTNAME): () => string {
  return () => {
    const user = shell.state.get('USER') || 'learner'
    const cwd = shell.state.cwd
    const w = cwd === HOME_DIR || cwd.startsWith(HOME_DIR + '/') ? '~' + cwd.slice(HOME_DIR.length) : cwd
    return `${user}@${host}:${w}$ `
  }
}
