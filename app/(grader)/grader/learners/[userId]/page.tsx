// One learner's course work for staff: progress per module and every knowledge-check answer, right or wrong.
import Link from 'next/link'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { rolesWith } from '@/lib/auth/roles'
import { courseProgress } from '@/lib/content/module-progress'
import { quizReview, type ModuleQuizReview, type ReviewedQuiz } from '@/lib/content/quiz-review'
import { getPrisma } from '@/lib/db/global'
import { pageData } from '@/lib/http/page-api-errors'
import { learnerForStaff } from '@/lib/learners/staff-learners'

export const metadata = { title: 'Learner' }

const STATUS_LABEL = { not_started: 'Not started', in_progress: 'In progress', completed: 'Completed' } as const

export default async function LearnerPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params
  const user = await requireUser(rolesWith('cohorts:view'), `/grader/learners/${userId}`)
  const prisma = getPrisma()
  const learner = await pageData(learnerForStaff(prisma, user, userId))
  const [progress, review] = await Promise.all([courseProgress(prisma, learner.id), quizReview(prisma, learner.id)])
  return (
    <>
      <PageHeader title={learner.name} description={learner.email} />
      <p className="mb-6 text-sm"><Link className="underline" href="/grader/learners">All learners</Link></p>
      <section aria-labelledby="progress" className="mb-8">
        <h2 id="progress" className="mb-3 font-semibold">Course progress</h2>
        <ul className="grid gap-2 text-sm sm:grid-cols-2" data-testid="learner-progress">
          {progress.map((m) => (
            <li key={m.slug} className="card">
              <span className="font-medium">{m.order}. {m.title}</span>: {STATUS_LABEL[m.status]} · {m.sections.read}/{m.sections.total} sections ·{' '}
              {m.labs.filter((l) => l.passed).length}/{m.labs.length} labs passed
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="quizzes">
        <h2 id="quizzes" className="mb-3 font-semibold">Knowledge checks</h2>
        {review.map((m) => <ModuleAnswers key={m.slug} module={m} />)}
      </section>
    </>
  )
}

function ModuleAnswers({ module: m }: { module: ModuleQuizReview }) {
  return (
    <details className="card mb-3" open={m.answered > 0} data-testid={`quiz-review-${m.slug}`}>
      <summary className="cursor-pointer font-medium">
        {m.order}. {m.title}: {m.answered} of {m.quizzes.length} answered, {m.correct} right
      </summary>
      <ol className="mt-3 space-y-4">
        {m.quizzes.map((q) => <QuizAnswer key={q.quizId} quiz={q} />)}
      </ol>
    </details>
  )
}

function QuizAnswer({ quiz: q }: { quiz: ReviewedQuiz }) {
  const verdict = q.answer === null ? 'Not answered' : q.answer.correct ? 'Right' : 'Wrong'
  const tone = q.answer === null ? 'text-slate-600 dark:text-slate-400' : q.answer.correct ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'
  return (
    <li data-quiz-id={q.quizId}>
      <p className="font-medium">{q.question}</p>
      <p className={`text-sm ${tone}`}>
        {verdict}
        {q.answer && <> · answered {new Date(q.answer.answeredAt).toUTCString()}</>}
      </p>
      <ul className="mt-1 space-y-1 text-sm">
        {q.choices.map((c, i) => (
          <li key={i} className={c.picked ? 'font-semibold' : undefined}>
            <span aria-hidden="true">{c.picked ? '●' : '○'} </span>
            {c.text}
            {c.picked && <span className="ml-2 rounded bg-slate-200 px-1 text-xs dark:bg-slate-700">picked</span>}
            {c.correct && <span className="ml-2 rounded bg-emerald-100 px-1 text-xs text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">correct answer</span>}
          </li>
        ))}
      </ul>
    </li>
  )
}
