// `kubectl exec -it POD -- sh` on the learner's terminal: the container's shell takes the line editor
// until it exits, then kubectl returns (with `command terminated with exit code N` for a non-zero exit).
import { afterEach, describe, expect, it } from 'vitest'
import { LineEditor } from '../../shell/line-editor'
import { plain, settle } from '../../shell/line-editor/test-harness'
import { createSimSession, type SimSession } from '../../sim/session'

const CURL_POD = 'kubectl run client --image=curlimages/curl --command -- sleep 3600\nkubectl wait --for=condition=Ready pod/client\n'
const NGINX_POD = 'kubectl run web --image=nginx\nkubectl wait --for=condition=Ready pod/web\n'

let session: SimSession | undefined
afterEach(() => session?.dispose())

async function terminal(setup: string) {
  session = createSimSession({ seed: 1 })
  await session.run(setup)
  let out = '', mark = 0
  const editor = new LineEditor({ shell: session.shell, write: (s) => { out += s }, prompt: () => 'learner$ ' })
  editor.resize(120, 24)
  const exits: number[] = []
  editor.on('exit', (code) => exits.push(code))
  mark = out.length // the first prompt
  return {
    editor, exits,
    /** Types a line and returns what the terminal showed for it, escape sequences removed. */
    line: async (text: string) => { editor.input(text + '\r'); await settle(); const s = plain(out.slice(mark)).replace(/\r/g, ''); mark = out.length; return s },
  }
}

describe('kubectl exec -it on a terminal', () => {
  it('runs the container shell with its own prompt, file system and identity, until exit', async () => {
    const t = await terminal(CURL_POD)
    expect(await t.line('kubectl exec -it client -- sh')).toBe('kubectl exec -it client -- sh\n/ $ ')
    expect(await t.line('hostname')).toBe('hostname\nclient\n/ $ ')
    expect(await t.line('cd /tmp && echo hi > note && cat note')).toBe('cd /tmp && echo hi > note && cat note\nhi\n/tmp $ ')
    expect(await t.line('kubectl get pods')).toBe('kubectl get pods\nsh: kubectl: not found\n/tmp $ ')
    // `exit` without a status leaves with the last one (127 from the missing kubectl), as sh does.
    expect(await t.line('exit')).toBe('exit\ncommand terminated with exit code 127\nlearner$ ')
    expect(t.exits).toEqual([])
    // Back on the learner's shell: the pod's file is not here, and the shell still works.
    expect(await t.line('cat /tmp/note')).toBe('cat /tmp/note\ncat: /tmp/note: No such file or directory\nlearner$ ')
  })

  it('passes a non-zero exit back through kubectl, and Ctrl-D leaves like exit', async () => {
    const t = await terminal(NGINX_POD)
    expect(await t.line('kubectl exec -it web -- bash')).toBe('kubectl exec -it web -- bash\nroot@web:/# ')
    expect(await t.line('exit 3')).toBe('exit 3\nexit\ncommand terminated with exit code 3\nlearner$ ')
    expect(await t.line('echo $?')).toBe('echo $?\n3\nlearner$ ')
    await t.line('kubectl exec -it web -- bash')
    t.editor.input('\x04')
    await settle()
    expect(await t.line('echo back')).toContain('back\nlearner$ ')
    expect(t.exits).toEqual([])
  })

  it('stays non-interactive in a pipe or with a command, and warns without a terminal', async () => {
    const t = await terminal(NGINX_POD)
    expect(await t.line("kubectl exec -it web -- sh -c 'echo $HOSTNAME'")).toBe("kubectl exec -it web -- sh -c 'echo $HOSTNAME'\nweb\nlearner$ ")
    expect(await t.line('echo hostname | kubectl exec -i web -- sh')).toBe('echo hostname | kubectl exec -i web -- sh\nweb\nlearner$ ')
    const [scripted] = await session!.run('kubectl exec -it web -- sh')
    expect(scripted!.stderr).toBe('Unable to use a TTY - input is not a terminal or the right kind of file\n')
  })

  it('Ctrl-C interrupts a command in the pod shell, not the session', async () => {
    const t = await terminal(CURL_POD)
    await t.line('kubectl exec -it client -- sh')
    t.editor.input('sleep 100\r')
    await settle()
    t.editor.input('\x03')
    await settle()
    expect(await t.line('echo still-in-pod; hostname')).toContain('still-in-pod\nclient\n/ $ ')
  })
})
