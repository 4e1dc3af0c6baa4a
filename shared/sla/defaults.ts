/**
 * Shipped defaults: organisation data, meant to be edited (as a new version with a later
 * `effectiveFrom`, so incidents already open keep the targets they were created under).
 */
import { EscalationPolicySchema, type EscalationPolicy } from './escalation-policy';
import { SlaPolicySchema, type SlaPolicy } from './policy';
import type { CalendarDef } from './calendar';

/** England & Wales bank holidays 2026–2027 (example data: extend it every year). */
export const UK_BANK_HOLIDAYS_2026_2027 = [
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
];

export const LONDON_OFFICE: CalendarDef = {
  kind: 'business',
  timeZone: 'Europe/London',
  hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }],
  holidays: UK_BANK_HOLIDAYS_2026_2027,
};

/** One business day on the 08:00–18:00 calendar, in minutes. */
export const BUSINESS_DAY = 600;
const H = 60;

function targets(ack: number, first: number, cadence: number | null, mitigate: number, resolve: number, calendar = '24x7') {
  return {
    acknowledge: { minutes: ack, calendar },
    firstUpdate: { minutes: first, calendar },
    ...(cadence === null ? {} : { update: { minutes: cadence, calendar } }),
    mitigate: { minutes: mitigate, calendar },
    resolve: { minutes: resolve, calendar },
  };
}

export const DEFAULT_SLA_POLICY: SlaPolicy = SlaPolicySchema.parse({
  id: 'default',
  version: 1,
  name: 'Default SLA',
  effectiveFrom: '2000-01-01T00:00:00.000Z',
  warnAt: [75, 90],
  calendars: { 'london-office': LONDON_OFFICE },
  priorities: {
    P1: targets(5, 15, 30, 2 * H, 4 * H),
    P2: targets(15, 30, 60, 4 * H, 8 * H),
    P3: targets(1 * H, 2 * H, 4 * H, BUSINESS_DAY, 3 * BUSINESS_DAY, 'london-office'),
    P4: targets(4 * H, BUSINESS_DAY, BUSINESS_DAY, 3 * BUSINESS_DAY, 5 * BUSINESS_DAY, 'london-office'),
    P5: targets(BUSINESS_DAY, 2 * BUSINESS_DAY, null, 5 * BUSINESS_DAY, 10 * BUSINESS_DAY, 'london-office'),
  },
});

export const DEFAULT_ESCALATION_POLICIES: EscalationPolicy[] = [
  EscalationPolicySchema.parse({
    id: 'major',
    version: 1,
    name: 'P1/P2: no acknowledgement or progress',
    effectiveFrom: '2000-01-01T00:00:00.000Z',
    match: { priorities: ['P1', 'P2'] },
    until: 'resolved',
    levels: [
      { name: 'On-call engineering', kind: 'functional', notify: [{ kind: 'team', name: 'On-call engineering' }], afterMinutes: 15 },
      { name: 'Duty manager', kind: 'hierarchical', notify: [{ kind: 'role', name: 'duty manager' }], afterMinutes: 15 },
      { name: 'Head of operations', kind: 'hierarchical', notify: [{ kind: 'role', name: 'head of operations' }], afterMinutes: 30 },
    ],
    repeat: 1,
  }),
  EscalationPolicySchema.parse({
    id: 'default',
    version: 1,
    name: 'Not acknowledged (business hours)',
    effectiveFrom: '2000-01-01T00:00:00.000Z',
    until: 'acknowledged',
    calendar: LONDON_OFFICE,
    levels: [
      { name: 'Service desk lead', kind: 'functional', notify: [{ kind: 'role', name: 'service desk lead' }], afterMinutes: 60 },
      { name: 'Duty manager', kind: 'hierarchical', notify: [{ kind: 'role', name: 'duty manager' }], afterMinutes: 120 },
    ],
  }),
];
