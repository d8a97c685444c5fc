// yes (bounded), clear (the terminal's clear sequence) and help (bash's builtin list, short form).
import type { CommandSpec } from '../registry'

/**
 * What `yes` writes before it stops. Pipes here are buffered, not streamed, so `yes | head -3`
 * cannot stop yes by SIGPIPE; yes writes one pipe buffer's worth (Linux's 64 KiB) and exits,
 * which is what the reader of a real pipe sees before yes blocks.
 */
export const YES_MAX_CHARS = 64 * 1024

export const yes: CommandSpec = {
  name: 'yes',
  run(ctx) {
    const args = ctx.argv.slice(1)
    const line = (args.length ? args.join(' ') : 'y') + '\n'
    const count = Math.max(1, Math.floor(YES_MAX_CHARS / line.length))
    ctx.stdout.write(line.repeat(count))
    return 0
  },
}

/** `clear` with TERM=xterm: home the cursor, erase the screen and the scrollback (ncurses' E3). */
export const clear: CommandSpec = {
  name: 'clear',
  run(ctx) {
    ctx.stdout.write('\x1b[H\x1b[2J\x1b[3J')
    return 0
  },
}

/** bash's `help` (no topic): a header and the commands this shell offers. */
export const help: CommandSpec = {
  name: 'help',
  run(ctx) {
    const topic = ctx.argv[1]
    if (topic !== undefined) {
      if (!ctx.registry.has(topic) && !['exit', 'break', 'continue'].includes(topic)) {
        ctx.stderr.write(`bash: help: no help topics match \`${topic}'.  Try \`help help' or \`man -k ${topic}' or \`info ${topic}'.\n`)
        return 1
      }
      ctx.stdout.write(`${topic}: see \`${topic} --help' for its options.\n`)
      return 0
    }
    const names = [...new Set([...ctx.registry.names(), 'break', 'continue', 'exit'])].sort()
    ctx.stdout.write('GNU bash, version 5.1.16(1)-release (x86_64-pc-linux-gnu)\n' +
      'This Mesh Dojo shell offers these commands (kubectl and istioctl among them):\n\n')
    ctx.stdout.write(columns(names, 80))
    return 0
  },
}

function columns(items: string[], width: number): string {
  const cell = Math.max(...items.map((s) => s.length)) + 2
  const perRow = Math.max(1, Math.floor(width / cell))
  let out = ''
  for (let i = 0; i < items.length; i += perRow) out += items.slice(i, i + perRow).map((s) => s.padEnd(cell)).join('').trimEnd() + '\n'
  return out
}
