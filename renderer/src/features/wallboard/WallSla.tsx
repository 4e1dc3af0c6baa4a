import type { SlaClock } from '../../../../shared/sla/clocks';
import type { BoardSla } from '../../../../shared/wallboard/sla';
import { SlaText } from './time-texts';

export type ClockTone = 'ok' | 'warning' | 'breached' | 'paused';

export function clockTone(clock: SlaClock): ClockTone {
  if (clock.state === 'breached') return 'breached';
  if (clock.state === 'warning') return 'warning';
  if (clock.state === 'paused') return 'paused';
  return 'ok';
}

/** Never colour alone: each tone has its own mark, and a breach says "breached" in words. */
const MARK: Record<ClockTone, string> = { ok: '◷', warning: '⚠', breached: '✖', paused: '❚❚' };
/** For screen readers, where the mark is hidden. */
const SPOKEN: Record<ClockTone, string> = { ok: 'SLA: ', warning: 'SLA near breach: ', breached: 'SLA: ', paused: 'SLA: ' };

/**
 * The SLA countdown a tile shows: the most urgent clock with its target's name ("update due in
 * 4 min", "resolution breached 12 min ago"), amber at a warning level and red once breached. Only
 * the text inside ticks (SlaText); this part changes when the board re-evaluates the incident.
 * `short` (compact tiles): a shorter sentence (shortClockText) that fits the narrowest tile.
 */
export function SlaLine({ sla, short = false }: { sla: BoardSla | undefined; short?: boolean }) {
  const clock = sla?.shown;
  if (!clock) return <span className="wall-sla wall-sla--none">No SLA clock running</span>;
  const tone = clockTone(clock);
  return (
    <span className={`wall-sla wall-sla--${tone}`} data-sla-tone={tone}>
      {/* compact: only the warning needs its mark, the other sentences say "breached" / "paused" */}
      {short && tone !== 'warning' ? null : (
        <span className="wall-sla__mark" aria-hidden="true">
          {MARK[tone]}
        </span>
      )}
      <span className="visually-hidden">{SPOKEN[tone]}</span>
      <SlaText clock={clock} short={short} />
    </span>
  );
}
