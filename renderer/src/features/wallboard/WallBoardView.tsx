import { useWorkspace } from '../../state/workspace-store';
import { PriorityBadge } from '../../ui/PriorityBadge';

/** Minimal board; replaced by the full wall board (issue 5). */
export function WallBoardView({ params: _params }: { params: URLSearchParams }) {
  const incidents = useWorkspace((s) => s.incidents);
  return (
    <main>
      {Object.values(incidents).map((i) => (
        <article key={i.id} aria-label={`${i.id} ${i.title}`}>
          <PriorityBadge priority={i.priority} size="xl" /> {i.id} {i.title}
        </article>
      ))}
    </main>
  );
}
