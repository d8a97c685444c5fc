// The learner's course progress: each module's sections read, quiz answers and labs, and where to continue.
import Link from 'next/link'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { courseProgress, type ModuleStatus } from '@/lib/content/module-progress'
import { getPrisma } from '@/lib/db/global'

export const metadata = { title: 'Course progress' }

const STATUS_LABEL: Record<ModuleStatus['status'], string> = { not_started: 'Not started', in_progress: 'In progress', completed: 'Completed' }

export default async function ProgressPage() {
  const user = await requireUser('any', '/progress')
  const modules = await courseProgress(getPrisma(), user.id)
  const completed = modules.filter((m) => m.status === 'completed').length
  return (
    <div className="space-y-6">
      <PageHeader title="Course progress" description={`${completed} of ${modules.length} modules completed.`} />
      <table className="w-full border-collapse text-sm" data-testid="course-progress">
        <caption className="sr-only">Progress per module</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-800">
            <th scope="col" className="py-2 pr-4">Module</th>
            <th scope="col" className="py-2 pr-4">Status</th>
            <th scope="col" className="py-2 pr-4">Sections read</th>
            <th scope="col" className="py-2 pr-4">Quizzes</th>
            <th scope="col" className="py-2 pr-4">Labs passed</th>
            <th scope="col" className="py-2"><span className="sr-only">Continue</span></th>
          </tr>
        </thead>
        <tbody>
          {modules.map((m) => (
            <tr key={m.slug} className="border-b border-slate-100 dark:border-slate-900">
              <th scope="row" className="py-2 pr-4 text-left font-medium">{m.order}. {m.title}</th>
              <td className="py-2 pr-4">{STATUS_LABEL[m.status]}</td>
              <td className="py-2 pr-4">{m.sections.read} of {m.sections.total}</td>
              <td className="py-2 pr-4">{m.quizzes.answered} of {m.quizzes.total} answered, {m.quizzes.correct} right</td>
              <td className="py-2 pr-4">{m.labs.filter((l) => l.passed).length} of {m.labs.length}</td>
              <td className="py-2"><Link className="underline" href={m.continueHref}>{m.status === 'not_started' ? 'Start' : 'Continue'}</Link></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
