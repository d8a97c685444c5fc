// Terminal: what a command sees when its standard input and output are the learner's terminal.
//
// Only the line editor provides one. A command that would take over a real tty
// (`kubectl exec -it pod -- sh`) asks it to attach a nested shell: the editor
// prompts for and runs that shell's lines until it exits, then the command
// returns with the nested shell's exit status. Pipes, redirects and `$(...)`
// never see the terminal, so `kubectl exec -it ... | cat` stays non-interactive.
import type { Shell } from './interpreter'

/** A shell another program runs on the terminal, with the prompt it prints. */
export interface NestedSession {
  shell: Shell
  /** PS1, asked for before each prompt (it may show the current directory). */
  prompt: () => string
  /** Whether Enter on `exit` prints bash's `exit` line (BusyBox ash prints nothing). */
  echoExit: boolean
  /** Rewrites the nested shell's error lines (BusyBox words `command not found` differently). */
  stderrFilter?: (chunk: string) => string
}

export interface Terminal {
  /** Runs the nested shell's lines on the terminal until it exits; resolves to its exit status. */
  attach(session: NestedSession): Promise<number>
}
