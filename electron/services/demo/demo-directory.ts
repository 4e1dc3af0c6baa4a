import type { Directory } from '../../../shared/org/directory';
import { ORG_STREAM } from '../../../shared/org/events';
import type { TimedEvent } from '../workspace/timed-event';

/** [name, title, team id, on call]: the people the demo's active incidents mention (all fictional). */
const PEOPLE: Array<[string, string, string, boolean]> = [
  ['Rosa Martínez', 'Control room supervisor', 'control-room', true],
  ['Marcus Bell', 'Service desk lead', 'service-desk', true],
  ['Kofi Mensah', 'Service desk analyst', 'service-desk', false],
  ['Priya Raman', 'Network engineer', 'network-ops', true],
  ['Tom Okafor', 'Network engineer', 'network-ops', false],
  ['Grace Liu', 'Payments platform engineer', 'payments', true],
  ['Daniel Novak', 'Payments platform lead', 'payments', false],
  ['Aisha Khan', 'Communications officer', 'comms', true],
  ['Hannah Cole', 'CAD support engineer', 'cad-support', true],
  ['Owen Price', 'Field operations manager', 'field-ops', false],
];

const TEAMS: Array<[string, string, string]> = [
  ['control-room', 'Control Room', 'Dispatch and incident coordination, 24/7'],
  ['service-desk', 'Service Desk', 'First line: calls, email, walk-ins'],
  ['network-ops', 'Network Operations', 'Core network, WAN and radio backhaul'],
  ['payments', 'Payments Platform', 'Checkout and card processing'],
  ['comms', 'Communications', 'Stakeholder and public updates'],
  ['cad-support', 'CAD Support', 'Computer-aided dispatch system'],
  ['field-ops', 'Field Operations', 'Field crews and site access'],
];

const slug = (name: string) => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();

/** The demo organisation's directory (the shipped default is empty: no invented people in production). */
export function demoDirectory(): Directory {
  return {
    people: PEOPLE.map(([name, role, , onCall], i) => ({
      id: `person-${slug(name)}`,
      name,
      role,
      phone: `+44 20 7946 0${String(100 + i)}`,
      email: `${slug(name).replace(/-/g, '.')}@example.org`,
      onCall,
    })),
    teams: TEAMS.map(([id, name, description]) => ({ id, name, description, members: PEOPLE.filter((p) => p[2] === id).map(([name]) => `person-${slug(name)}`) })),
    organisations: [
      { id: 'org-telco', name: 'Northline Telecom', kind: 'vendor', contact: 'NOC +44 20 7946 0900' },
      { id: 'org-police', name: 'County Police control room', kind: 'agency', contact: '+44 20 7946 0911' },
      { id: 'org-hospital', name: 'St Brigid’s Hospital', kind: 'hospital', contact: 'Switchboard +44 20 7946 0922' },
      { id: 'org-power', name: 'Eastern Power Networks', kind: 'utility', contact: 'Faults line +44 20 7946 0933' },
    ],
  };
}

/** The demo directory, published as version 2 a week before `now` by the demo's administrator. */
export function demoDirectoryEvent(now: number): TimedEvent<'org.directory.published'> {
  return { stream: ORG_STREAM, type: 'org.directory.published', data: { version: 2, document: demoDirectory() }, at: now - 7 * 24 * 3_600_000, actor: 'Watchfloor demo', id: 'demo-directory-v2' };
}
