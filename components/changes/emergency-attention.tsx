import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Time } from '@/components/ui/time';
import { LINK } from '@/components/ui/styles';
import { changeReference } from '@/lib/policy/change-class';
import type { EmergencyReview } from '@/lib/policy/approval-rules';

type Item = { changeId: string; number: number; title: string; authorName: string; review: EmergencyReview };

const STATE: Record<EmergencyReview['state'], { text: string; tone: BadgeTone }> = {
  overdue: { text: 'Overdue (violation)', tone: 'bad' },
  late: { text: 'Completed late (violation)', tone: 'bad' },
  due: { text: 'Due', tone: 'warn' },
  'not-started': { text: 'Not deployed yet', tone: 'neutral' },
  complete: { text: 'Complete', tone: 'good' },
};

function owed(review: EmergencyReview): string {
  const missing = [review.isDocumented ? null : 'record', review.hasSecondApproval ? null : 'second approval'].filter(Boolean);
  return missing.length ? `Owes: ${missing.join(' and ')}` : 'Nothing owed';
}

/** The emergency changes whose exception is still open: what they owe and by when. */
export function EmergencyAttention({ items, timeZone }: Readonly<{ items: Item[]; timeZone: string }>) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="attention-heading" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="attention-heading" className="font-semibold">Needs attention: emergency changes <span className="font-mono text-xs font-normal">Exception path</span></h2>
      <ul className="mt-2 space-y-1 text-sm">
        {items.map((item) => (
          <li key={item.changeId} className="flex flex-wrap items-center gap-2">
            <Badge tone={STATE[item.review.state].tone}>{STATE[item.review.state].text}</Badge>
            <Link href={`/changes/${item.changeId}`} className={LINK}>{changeReference(item.number)}: {item.title}</Link>
            <span className="text-slate-700">by {item.authorName} · {owed(item.review)}{item.review.deadline ? <> · deadline <Time at={item.review.deadline} timeZone={timeZone} /></> : null}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
