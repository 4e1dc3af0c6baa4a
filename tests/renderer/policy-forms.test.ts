import { describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION_POLICIES, DEFAULT_SLA_POLICY } from '../../shared/sla/defaults';
import { EscalationPolicyDraftSchema } from '../../shared/sla/escalation-policy';
import { SlaPolicyDraftSchema } from '../../shared/sla/policy';
import { escalationDraftOf, escalationErrors, escalationFormOf } from '../../renderer/src/features/policies/escalation-form';
import { slaDraftOf, slaErrors, slaFormOf, type SlaForm } from '../../renderer/src/features/policies/sla-form';

/** The policies screen's form models: an unedited form publishes the same policy; edits fail at the right field. */

describe('policy forms', () => {
  it('an unedited SLA form gives back the policy it was opened on', () => {
    const { id: _id, version: _v, effectiveFrom: _f, ...expected } = DEFAULT_SLA_POLICY;
    expect(SlaPolicyDraftSchema.parse(slaDraftOf(slaFormOf(DEFAULT_SLA_POLICY)))).toEqual(expected);
    expect(slaErrors(slaFormOf(DEFAULT_SLA_POLICY))).toEqual({});
  });

  it('an unedited escalation form gives back the policy it was opened on', () => {
    for (const policy of DEFAULT_ESCALATION_POLICIES) {
      const { version: _v, effectiveFrom: _f, ...expected } = policy;
      expect(EscalationPolicyDraftSchema.parse(escalationDraftOf(escalationFormOf(policy)))).toEqual(expected);
    }
  });

  const slaEdits: Array<[string, (f: SlaForm) => void, string, string | RegExp]> = [
    ['a target that is not a number', (f) => (f.minutes.P2.acknowledge = 'soon'), 'priorities.P2.acknowledge.minutes', 'Enter a number'],
    ['a negative target', (f) => (f.minutes.P1.resolve = '-5'), 'priorities.P1.resolve.minutes', 'More than 0'],
    ['a threshold over 99', (f) => (f.warnAt = '75, 150'), 'warnAt', 'At most 99'],
    ['an unknown time zone', (f) => (f.calendars[0]!.timeZone = 'Mars/Olympus'), 'calendars.london-office.timeZone', 'unknown time zone'],
    ['hours that end before they start', (f) => (f.calendars[0]!.hours[0]!.end = '07:00'), 'calendars.london-office.hours.0.end', /end must be after start/],
    ['a holiday that is not a date', (f) => (f.calendars[0]!.holidays += '\n25/12/2026'), 'calendars.london-office.holidays', /date/i],
    ['a calendar the policy lacks', (f) => (f.calendarOf.P3 = 'paris-office'), 'priorities.P3.acknowledge.calendar', 'unknown calendar "paris-office"'],
  ];

  it.each(slaEdits)('names the field for %s', (_name, edit, field, message) => {
    const form = structuredClone(slaFormOf(DEFAULT_SLA_POLICY));
    edit(form);
    expect(slaErrors(form)[field]).toMatch(message);
  });

  it('a blank SLA target drops that clock; on hold can pause any clock', () => {
    const form = structuredClone(slaFormOf(DEFAULT_SLA_POLICY));
    form.minutes.P1.update = '';
    form.onHoldPauses.acknowledge = true;
    const draft = SlaPolicyDraftSchema.parse(slaDraftOf(form));
    expect(draft.priorities.P1?.update).toBeUndefined();
    expect(draft.priorities.P4?.acknowledge?.pauseIn).toEqual(['on_hold']);
  });

  it('an escalation level needs someone to notify and a number of minutes', () => {
    const form = structuredClone(escalationFormOf(DEFAULT_ESCALATION_POLICIES[0]!));
    form.levels[1]!.afterMinutes = '';
    form.levels[2]!.notify[0]!.name = ' ';
    expect(escalationErrors(form)).toMatchObject({ 'levels.1.afterMinutes': 'Enter a number', 'levels.2.notify.0.name': 'Required' });
  });
});
