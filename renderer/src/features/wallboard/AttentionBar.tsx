import type { AttentionKind } from '../../../../shared/wallboard/attention';

const SHORT: Record<AttentionKind, string> = { 'new-p1': 'New P1', breach: 'SLA breach', overdue: 'Update overdue' };

/** Unacknowledged attention kinds joined with spaces ("new-p1 breach overdue"), '' when none: a primitive keeps tiles memoisable. */
export type TileAttention = string;

export function attentionLabel(attention: TileAttention): string {
  return attention
    .split(' ')
    .filter(Boolean)
    .map((k) => SHORT[k as AttentionKind] ?? k)
    .join(' · ');
}

/** Says why the tile pulses; clicking it (or anywhere on the tile) acknowledges, on this board only. */
export function AttentionBar({ attention, onAcknowledge }: { attention: TileAttention; onAcknowledge: () => void }) {
  return (
    <button
      type="button"
      className="wall-attention"
      onClick={(e) => {
        e.stopPropagation();
        onAcknowledge();
      }}
    >
      <span className="wall-attention__what">{attentionLabel(attention)}</span>
      {/* one reason leaves room for the full instruction on the narrowest tile */}
      <span className="wall-attention__how"> — {attention.includes(' ') ? 'acknowledge' : 'click to acknowledge'}</span>
    </button>
  );
}
