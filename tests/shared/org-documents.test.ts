import { describe, expect, it } from 'vitest';
import { DEFAULT_UPDATE_TEMPLATES, UpdateTemplatesSchema, type UpdateTemplates } from '../../shared/comms/templates';
import type { EventEnvelope } from '../../shared/domain/events';
import { DirectorySchema, EMPTY_DIRECTORY, type Directory, type Person } from '../../shared/org/directory';
import { DEFAULT_PRIORITY_MATRIX } from '../../shared/domain/priority';
import { DIRECTORY, foldDocument, foldOrgDocuments, MATRIX, TEMPLATES } from '../../shared/org/documents';
import { PublishedMatrixSchema } from '../../shared/org/matrix';
import { mergeEntries } from '../../shared/org/merge';
import { orgEvent, type OrgPublish } from './org-helpers';
import { iso, MINUTE, t } from './sla-helpers';

/** The org document fold (directory, templates): shipped default + published versions, merged when publishes cross. */

const T1 = t('2026-11-27T14:02:00Z');
const T2 = t('2026-11-27T15:30:00Z');

const person = (id: string, name: string, more: Partial<Person> = {}): Person => ({ id, name, role: '', phone: '', email: '', onCall: false, ...more });
const directory = (...people: Person[]): Directory => ({ ...EMPTY_DIRECTORY, people });

type Publish = Omit<OrgPublish, 'type' | 'data'> & { version: number; document: unknown; type?: string };

/** A document publish: `{version, document}` (the directory's, unless `type` says otherwise). */
const event = ({ version, document, type, ...p }: Publish): EventEnvelope => orgEvent({ ...p, type: type ?? 'org.directory.published', data: { version, document } });

const dana = person('p-dana', 'Dana Whitfield', { role: 'Duty manager', onCall: true });
const sam = person('p-sam', 'Sam Okoye');
const lee = person('p-lee', 'Lee Park');

const summary = (events: EventEnvelope[]) =>
  foldDocument(DIRECTORY, events).versions.map((v) => ({ version: v.version, by: v.publishedBy, at: v.publishedAt, concurrent: v.concurrent, people: v.document.people.map((p) => p.name) }));

describe('org document fold', () => {
  const cases: Array<{ name: string; events: EventEnvelope[]; expected: ReturnType<typeof summary> }> = [
    { name: 'nothing published: the empty shipped directory', events: [], expected: [{ version: 1, by: null, at: null, concurrent: false, people: [] }] },
    {
      name: 'publishes in a row: versions 2, 3 with who and when',
      events: [event({ id: 'evt-00000001', at: T1, version: 2, document: directory(dana) }), event({ id: 'evt-00000002', at: T2, version: 3, document: directory(dana, sam), actor: 'Sam' })],
      expected: [
        { version: 1, by: null, at: null, concurrent: false, people: [] },
        { version: 2, by: 'Dana', at: iso(T1), concurrent: false, people: ['Dana Whitfield'] },
        { version: 3, by: 'Sam', at: iso(T2), concurrent: false, people: ['Dana Whitfield', 'Sam Okoye'] },
      ],
    },
    {
      name: 'two PCs publish v3 from v2 at once: the later is renumbered v4 and merged, both additions kept',
      events: [
        event({ id: 'evt-00000001', at: T1, version: 2, document: directory(dana) }),
        event({ id: 'evt-0000000b', at: T2 + MINUTE, version: 3, document: directory(dana, lee), writer: 'writer-b', actor: 'Lee' }),
        event({ id: 'evt-0000000a', at: T2, version: 3, document: directory(dana, sam), actor: 'Sam' }),
      ],
      expected: [
        { version: 1, by: null, at: null, concurrent: false, people: [] },
        { version: 2, by: 'Dana', at: iso(T1), concurrent: false, people: ['Dana Whitfield'] },
        { version: 3, by: 'Sam', at: iso(T2), concurrent: false, people: ['Dana Whitfield', 'Sam Okoye'] },
        { version: 4, by: 'Lee', at: iso(T2 + MINUTE), concurrent: true, people: ['Dana Whitfield', 'Sam Okoye', 'Lee Park'] },
      ],
    },
    {
      name: 'a concurrent removal and edit of different people both apply',
      events: [
        event({ id: 'evt-00000001', at: T1, version: 2, document: directory(dana, sam) }),
        event({ id: 'evt-0000000a', at: T2, version: 3, document: directory(sam) }),
        event({ id: 'evt-0000000b', at: T2, version: 3, document: directory(dana, { ...sam, name: 'Samuel Okoye' }), writer: 'writer-b' }),
      ],
      expected: [
        { version: 1, by: null, at: null, concurrent: false, people: [] },
        { version: 2, by: 'Dana', at: iso(T1), concurrent: false, people: ['Dana Whitfield', 'Sam Okoye'] },
        { version: 3, by: 'Dana', at: iso(T2), concurrent: false, people: ['Sam Okoye'] },
        { version: 4, by: 'Dana', at: iso(T2), concurrent: true, people: ['Samuel Okoye'] },
      ],
    },
    {
      name: 'other streams, other types, invalid documents and a repeated event id change nothing',
      events: [
        event({ id: 'evt-00000001', at: T1, version: 2, document: directory(dana) }),
        event({ id: 'evt-00000001', at: T1, version: 2, document: directory(dana) }),
        event({ id: 'evt-00000002', at: T2, version: 3, document: directory(sam), stream: 'INC-2026-AAAA-1' }),
        event({ id: 'evt-00000003', at: T2, version: 3, document: DEFAULT_UPDATE_TEMPLATES, type: 'org.templates.published' }),
        event({ id: 'evt-00000004', at: T2, version: 3, document: { people: [{ id: 'x', name: '' }] } }),
      ],
      expected: [
        { version: 1, by: null, at: null, concurrent: false, people: [] },
        { version: 2, by: 'Dana', at: iso(T1), concurrent: false, people: ['Dana Whitfield'] },
      ],
    },
  ];

  it.each(cases)('$name', ({ events, expected }) => {
    expect(summary(events)).toEqual(expected);
    const state = foldDocument(DIRECTORY, events);
    expect(state.current).toBe(state.versions[state.versions.length - 1]!.document);
    expect(state.version).toBe(expected[expected.length - 1]!.version);
    // Arrival order does not matter: every PC folds the same events to the same directory.
    expect(foldDocument(DIRECTORY, [...events].reverse())).toEqual(state);
  });

  it('a team keeps only members still in the directory after a merge', () => {
    const team = { id: 't-net', name: 'Network', description: '', members: ['p-dana', 'p-sam'] };
    const events = [
      event({ id: 'evt-00000001', at: T1, version: 2, document: { ...directory(dana, sam), teams: [team] } }),
      event({ id: 'evt-0000000a', at: T2, version: 3, document: { ...directory(dana), teams: [{ ...team, members: ['p-dana'] }] } }),
      event({ id: 'evt-0000000b', at: T2, version: 3, document: { ...directory(dana, sam), teams: [{ ...team, name: 'Network Operations' }] }, writer: 'writer-b' }),
    ];
    const current = foldDocument(DIRECTORY, events).current;
    expect(current.teams).toEqual([{ ...team, name: 'Network Operations', members: ['p-dana'] }]);
    expect(DirectorySchema.safeParse(current).success).toBe(true);
  });

  it('templates: shipped defaults, then a published version; crossed publishes merge per audience', () => {
    const edit = (patch: Partial<UpdateTemplates['customers']>, audience: keyof UpdateTemplates = 'customers'): UpdateTemplates => ({ ...DEFAULT_UPDATE_TEMPLATES, [audience]: { ...DEFAULT_UPDATE_TEMPLATES[audience], ...patch } });
    expect(foldDocument(TEMPLATES, []).current).toEqual(DEFAULT_UPDATE_TEMPLATES);
    const events = [
      event({ id: 'evt-0000000a', at: T1, version: 2, document: edit({ text: 'We are on it: {title}.' }), type: 'org.templates.published' }),
      event({ id: 'evt-0000000b', at: T1, version: 2, document: edit({ prefix: '[Board]' }, 'executive'), type: 'org.templates.published', writer: 'writer-b' }),
    ];
    const folded = foldOrgDocuments(events);
    expect(folded.templates.current.customers.text).toBe('We are on it: {title}.');
    expect(folded.templates.current.executive.prefix).toBe('[Board]');
    expect(folded.templates.versions.map((v) => [v.version, v.concurrent])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(folded.directory.version).toBe(1);
  });

  it('templates refuse an unknown {field} and a template filed under another audience', () => {
    const bad = UpdateTemplatesSchema.safeParse({ ...DEFAULT_UPDATE_TEMPLATES, customers: { ...DEFAULT_UPDATE_TEMPLATES.customers, text: 'About {titel}' } });
    expect(bad.success || bad.error.issues.map((i) => i.path.join('.'))).toEqual(['customers.text']);
    const swapped = UpdateTemplatesSchema.safeParse({ ...DEFAULT_UPDATE_TEMPLATES, internal: DEFAULT_UPDATE_TEMPLATES.executive });
    expect(swapped.success || swapped.error.issues.map((i) => i.path.join('.'))).toEqual(['internal.audience']);
  });

  it('priority matrix: the shipped default, then published versions; crossed publishes merge cell by cell', () => {
    expect(foldDocument(MATRIX, []).current).toEqual(DEFAULT_PRIORITY_MATRIX);
    const withCell = (i: number, j: number, p: string) => DEFAULT_PRIORITY_MATRIX.map((row, r) => row.map((c, k) => (r === i && k === j ? p : c)));
    const events = [
      event({ id: 'evt-0000000a', at: T1, version: 2, document: withCell(0, 2, 'P2'), type: 'org.priorityMatrix.published' }),
      event({ id: 'evt-0000000b', at: T1, version: 2, document: withCell(2, 0, 'P2'), type: 'org.priorityMatrix.published', writer: 'writer-b', actor: 'Sam' }),
    ];
    const state = foldDocument(MATRIX, events);
    expect(state.current).toEqual([
      ['P1', 'P2', 'P2'],
      ['P2', 'P3', 'P4'],
      ['P2', 'P4', 'P5'],
    ]);
    expect(state.versions.map((v) => [v.version, v.publishedBy, v.concurrent])).toEqual([
      [1, null, false],
      [2, 'Dana', false],
      [3, 'Sam', true],
    ]);
    expect(foldDocument(MATRIX, [...events].reverse())).toEqual(state);
  });

  it('a published matrix never gives more impact or urgency a lower priority', () => {
    expect(PublishedMatrixSchema.safeParse(DEFAULT_PRIORITY_MATRIX).success).toBe(true);
    const inverted = PublishedMatrixSchema.safeParse([
      ['P1', 'P3', 'P3'],
      ['P2', 'P2', 'P4'],
      ['P3', 'P4', 'P5'],
    ]);
    expect(inverted.success || inverted.error.issues.map((i) => i.path.join('.'))).toEqual(['0.1']);
  });

  it('mergeEntries: their additions, edits and removals since the base land on the current list', () => {
    const key = (e: { id: string }) => e.id;
    const a = { id: 'a', v: 1 };
    const b = { id: 'b', v: 1 };
    const c = { id: 'c', v: 1 };
    // base [a, b]; current (the other publisher) added c; theirs edited a and removed b.
    expect(mergeEntries([a, b], [{ id: 'a', v: 2 }], [a, b, c], key)).toEqual([{ id: 'a', v: 2 }, c]);
    // An entry the other publisher removed but they edited comes back with their edit.
    expect(mergeEntries([a, b], [a, { id: 'b', v: 2 }], [a], key)).toEqual([a, { id: 'b', v: 2 }]);
  });
});
