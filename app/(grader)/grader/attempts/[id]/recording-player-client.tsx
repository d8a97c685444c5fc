'use client'
// The attempt's terminal recordings replayed with asciinema-player (loaded on demand), a speed control, and the command timeline that seeks it.
import 'asciinema-player/dist/bundle/asciinema-player.css'
import { useEffect, useRef, useState } from 'react'
import type { Player } from 'asciinema-player'
import { pageIsDark, watchPageTheme } from '@/app/_components/terminal/terminal-theme'
import type { AttemptDetail } from '@/lib/grading/attempt-detail'

type Recording = AttemptDetail['recordings'][number]

export const SPEEDS = [0.5, 1, 1.5, 2, 4] as const
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

export function RecordingPlayer({ recordings }: { recordings: Recording[] }) {
  const [index, setIndex] = useState(0)
  const [speed, setSpeed] = useState<number>(1)
  const [status, setStatus] = useState('Loading the player…')
  const host = useRef<HTMLDivElement>(null)
  const player = useRef<Player | null>(null)
  const recording = recordings[index]!
  const total = recordings.length

  // Where to resume when the player is rebuilt (speed or theme change); a different recording starts at 0.
  const resume = useRef({ id: recording.id, at: 0 })

  useEffect(() => {
    let live = true
    const target = host.current
    async function mount() {
      const { create } = await import('asciinema-player')
      if (!live || !target) return
      player.current?.dispose()
      target.replaceChildren()
      const startAt = resume.current.id === recording.id ? resume.current.at : 0
      const theme = pageIsDark() ? 'asciinema' : 'solarized-light'
      // No idleTimeLimit: it would compress pauses, and the timeline's times would no longer be the player's.
      player.current = create(recording.url, target, { speed, startAt, preload: true, fit: 'width', theme, markers: recording.commands.map((c) => [c.time, c.command]) })
      setStatus(`Ready: recording ${index + 1} of ${total}, speed ${speed}×`)
    }
    function remember() {
      if (player.current) resume.current = { id: recording.id, at: player.current.getCurrentTime() }
    }
    void mount()
    const stop = watchPageTheme(() => { remember(); void mount() })
    return () => {
      live = false
      stop()
      remember()
      player.current?.dispose()
      player.current = null
    }
  }, [recording, speed, index, total])

  async function seekTo(time: number) {
    const p = player.current
    if (!p) return
    await p.seek(time)
    setStatus(`At ${formatClock(p.getCurrentTime())}`)
  }

  return (
    <div className="grader-replay">
      <div className="grader-replay-controls">
        {recordings.length > 1 && (
          <label className="flex items-center gap-2">Recording
            <select className="input py-1" value={index} onChange={(e) => setIndex(Number(e.target.value))}>
              {recordings.map((r, i) => <option key={r.id} value={i}>{i + 1}: {new Date(r.createdAt).toUTCString()}</option>)}
            </select>
          </label>
        )}
        <label className="flex items-center gap-2">Speed
          <select className="input py-1" value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="replay-speed">
            {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
          </select>
        </label>
        <a className="underline" href={recording.url} download>Download .cast</a>
        <p role="status" aria-live="polite" className="grader-replay-status" data-testid="replay-status">{status}</p>
      </div>
      <div ref={host} className="grader-player" data-testid="recording-player" />
      <CommandTimeline commands={recording.commands} onSeek={seekTo} />
    </div>
  )
}

function CommandTimeline({ commands, onSeek }: { commands: Recording['commands']; onSeek: (time: number) => void }) {
  if (commands.length === 0) return <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">No commands were typed in this recording.</p>
  return (
    <section aria-labelledby="timeline" className="mt-4">
      <h3 id="timeline" className="mb-2 font-semibold">Commands</h3>
      <ol className="grader-timeline" data-testid="command-timeline">
        {commands.map((c, i) => (
          <li key={i}>
            <button type="button" className="grader-timeline-item" onClick={() => onSeek(c.time)}>
              <span className="sr-only">Play from </span>
              <time className="grader-timeline-time">{formatClock(c.time)}</time>
              <code>{c.command}</code>
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
