// Instructors' part of a lab page: setup, and per task the instructions as learners read them, hints, checks and the reference solution.
import type { LabSpec } from '@/lab-engine/grader/lab-schema'
import { renderDocument } from '@/lib/content/render/render-document'
import { VerifyLabButton } from './verify-lab-button'

export async function LabInstructorView({ slug, lab, file }: { slug: string; lab: LabSpec; file: string }) {
  const instructions = await Promise.all(lab.tasks.map((t) => renderDocument(t.instructions, file)))
  return (
    <section aria-labelledby="instructor-view" className="space-y-4" data-testid="lab-instructor-view">
      <h2 id="instructor-view" className="text-lg font-semibold">Instructor view</h2>
      <VerifyLabButton slug={slug} />
      <div className="card">
        <h3 className="font-medium">Setup</h3>
        <pre className="mt-2 overflow-x-auto text-xs">{lab.setup || '(none)'}</pre>
      </div>
      {lab.tasks.map((t, i) => (
        <details key={t.id} className="card" data-task-id={t.id}>
          <summary className="cursor-pointer font-medium">{i + 1}. {t.title} <span className="font-mono text-xs text-slate-500">({t.id})</span></summary>
          <div className="md-article md-no-dock mt-3 text-sm" dangerouslySetInnerHTML={{ __html: instructions[i]!.html }} />
          <h4 className="mt-3 font-medium">Hints</h4>
          <ol className="ml-5 list-decimal text-sm">{t.hints.map((h, k) => <li key={k}>{h}</li>)}</ol>
          <h4 className="mt-3 font-medium">Checks</h4>
          <ul className="text-sm">
            {t.checks.map((c, k) => (
              <li key={k}><span className="font-mono text-xs">{c.kind}{'id' in c && c.id ? ` ${c.id}` : ''}</span>: {c.message}</li>
            ))}
          </ul>
          <h4 className="mt-3 font-medium">Reference solution{t.alternatives.length ? ` (and ${t.alternatives.length} alternative${t.alternatives.length === 1 ? '' : 's'})` : ''}</h4>
          <pre className="mt-1 overflow-x-auto text-xs">{t.solution}</pre>
        </details>
      ))}
    </section>
  )
}
