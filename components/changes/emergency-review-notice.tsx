import type { ReactNode } from 'react';
import { Time } from '@/components/ui/time';
import type { EmergencyReview } from '@/lib/policy/approval-rules';

const TEXT: Record<EmergencyReview['state'], string> = {
  'not-started': 'The 24-hour review starts at the first production deploy.',
  due: 'Complete the record and get the retroactive second approval before the deadline.',
  complete: 'Documented and approved by a second person in time.',
  overdue: 'Overdue: the record or the second approval is missing past the deadline. This is a policy violation.',
  late: 'Completed after the deadline: recorded as a policy violation.',
};

/** The emergency exception path (POL-012): its deadline and what is still owed, in words. */
export function EmergencyReviewNotice({ review, timeZone, children }: Readonly<{ review: EmergencyReview; timeZone: string; children?: ReactNode }>) {
  const isProblem = review.state === 'overdue' || review.state === 'late';
  return (
    <section aria-labelledby="emergency-heading" className={`rounded-lg border p-4 ${isProblem ? 'border-red-300 bg-red-50' : 'border-amber-300 bg-amber-50'}`}>
      <h2 id="emergency-heading" className="text-lg font-semibold">Emergency review <span className="font-mono text-sm font-normal">Exception path</span></h2>
      <p className="mt-1 text-sm">{TEXT[review.state]}</p>
      <ul className="mt-2 space-y-1 text-sm">
        <li>Deadline: {review.deadline ? <Time at={review.deadline} timeZone={timeZone} /> : 'not started'}</li>
        <li>Record completed: {review.isDocumented ? 'yes' : 'not yet'}</li>
        <li>Second approval: {review.hasSecondApproval ? 'given' : 'not yet'}</li>
      </ul>
      {children}
    </section>
  );
}
