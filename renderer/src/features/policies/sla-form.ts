/**
 * The SLA policy as the settings screen edits it: minutes as typed (a blank target means that
 * clock does not apply), one calendar per priority, "on hold pauses" per clock. `slaDraftOf`
 * turns it back into the draft the host publishes, validated with the same schema as the host.
 */
import { PRIORITIES, type Priority } from '../../../../shared/domain/priority';
import type { BusinessCalendarDef, Weekday } from '../../../../shared/sla/calendar';
import { ALWAYS_CALENDAR, SLA_TARGETS, SlaPolicyDraftSchema, type SlaPolicy, type SlaTarget } from '../../../../shared/sla/policy';
import { numberOf, parseNumberList, validationErrors, type FieldErrors } from './form-values';

export interface HoursForm {
  days: Weekday[];
  start: string;
  end: string;
}

export interface CalendarForm {
  name: string;
  timeZone: string;
  hours: HoursForm[];
  /** Local dates, one per line. */
  holidays: string;
}

export interface SlaForm {
  name: string;
  /** "75, 90" */
  warnAt: string;
  calendars: CalendarForm[];
  calendarOf: Record<Priority, string>;
  minutes: Record<Priority, Record<SlaTarget, string>>;
  onHoldPauses: Record<SlaTarget, boolean>;
  /** The version edited: keeps what the screen does not show (per-target thresholds, other pausing statuses). */
  base: SlaPolicy;
}

const ON_HOLD = 'on_hold';

function calendarForm(name: string, def: BusinessCalendarDef): CalendarForm {
  return { name, timeZone: def.timeZone, hours: def.hours.map((h) => ({ days: [...h.days], start: h.start, end: h.end })), holidays: def.holidays.join('\n') };
}

export function slaFormOf(policy: SlaPolicy): SlaForm {
  const calendars = Object.entries(policy.calendars).flatMap(([name, def]) => (def.kind === 'business' ? [calendarForm(name, def)] : []));
  const calendarOf = {} as SlaForm['calendarOf'];
  const minutes = {} as SlaForm['minutes'];
  for (const p of PRIORITIES) {
    const targets = policy.priorities[p] ?? {};
    calendarOf[p] = SLA_TARGETS.map((t) => targets[t]?.calendar).find(Boolean) ?? ALWAYS_CALENDAR;
    minutes[p] = Object.fromEntries(SLA_TARGETS.map((t) => [t, targets[t] ? String(targets[t].minutes) : ''])) as Record<SlaTarget, string>;
  }
  const onHoldPauses = Object.fromEntries(
    SLA_TARGETS.map((t) => [t, PRIORITIES.some((p) => policy.priorities[p]?.[t]?.pauseIn.includes(ON_HOLD))]),
  ) as Record<SlaTarget, boolean>;
  return { name: policy.name, warnAt: policy.warnAt.join(', '), calendars, calendarOf, minutes, onHoldPauses, base: policy };
}

/** The draft to publish (as `policies.publishSla` takes it). */
export function slaDraftOf(form: SlaForm): unknown {
  const priorities: Record<string, Record<string, unknown>> = {};
  for (const p of PRIORITIES) {
    const targets: Record<string, unknown> = {};
    for (const t of SLA_TARGETS) {
      const typed = form.minutes[p][t].trim();
      if (!typed) continue;
      const base = form.base.priorities[p]?.[t];
      const others = (base?.pauseIn ?? []).filter((s) => s !== ON_HOLD);
      targets[t] = {
        minutes: numberOf(typed),
        calendar: form.calendarOf[p],
        pauseIn: form.onHoldPauses[t] ? [...others, ON_HOLD] : others,
        ...(base?.warnAt ? { warnAt: base.warnAt } : {}),
      };
    }
    priorities[p] = targets;
  }
  return {
    name: form.name,
    warnAt: parseNumberList(form.warnAt),
    calendars: Object.fromEntries(
      form.calendars.map((c) => [
        c.name,
        {
          kind: 'business',
          timeZone: c.timeZone.trim(),
          hours: c.hours,
          holidays: c.holidays.split(/[\s,]+/).filter(Boolean),
        },
      ]),
    ),
    priorities,
  };
}

/** Errors by field path ("priorities.P2.acknowledge.minutes", "warnAt", "calendars.london-office.timeZone"). */
export function slaErrors(form: SlaForm): FieldErrors {
  return validationErrors(SlaPolicyDraftSchema, slaDraftOf(form));
}
