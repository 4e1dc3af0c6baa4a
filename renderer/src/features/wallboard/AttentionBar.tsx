import type { AttentionKind } from '../../../../shared/wallboard/attention';

const SHORT: Record<AttentionKind, string> = { 'new-p1': 'New P1', breach: 'SLA breach', overdue: 'Update overdue' };
/** For several reasons on a compact tile. */
const SHORTEST: Record<AttentionKind, string> = { 'new-p1': 'New P1', breach: 'Breach', overdue: 'Overdue' };

/** Unacknowledged attention kinds joined with spaces ("new-p1 breach overdue"), '' when none: a primitive keeps tiles memoisable. */
export type TileAttention = string;

export function attentionLabel(attention: TileAttention, short = false): string {
  const kinds = attention.split(' ').filter(Boolean) as AttentionKind[];
  const names = short && kinds.length > 1 ? SHORTEST : SHORT;
  return kinds.map((k) => names[k] ?? k).join(' · ');
}

/**
 * Says why the tile pulses; clicking it (or anywhere on the tile) acknowledges, on this board only.
 * `short` (compact tiles): shorter names for several reasons, and the instruction only for
 * assistive technology (the bar still looks like a button).
 */
export function AttentionBar({ attention, short = false, onAcknowledge }: { attention: TileAttention; short?: boolean; onAcknowledge: () => void }) {
  const how = short || attention.includes(' ') ? 'acknowledge' : 'click to acknowledge';
  return (
    <button
      type="button"
      className="wall-attention"
      onClick={(e) => {
        e.stopPropagation();
        onAcknowledge();
      }}
    >
      <span className="wall-attention__what">{attentionLabel(attention, short)}</span>
      <span className={short ? 'visually-hidden' : 'wall-attention__how'}> — {how}</span>
    </button>
  );
}
