import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE, type LifecycleRules, type TransitionRule } from '../../shared/domain/lifecycle';
import { foldDocument, foldOrgDocuments, LIFECYCLE } from '../../shared/org/documents';
import { mergeLifecycle, PublishedLifecycleSchema } from '../../shared/org/lifecycle';
import { orgEvent } from './org-helpers';
import { t } from './sla-helpers';

/** The lifecycle rules as an org document: fold, merge of crossed publishes, what may be published. */

const T1 = t('2026-11-27T14:02:00Z');
const T2 = t('2026-11-27T15:30:00Z');

const publish = (id: string, at: number, version: number, document: LifecycleRules, more: { writer?: string; actor?: string } = {}) =>
  orgEvent({ id, at, type: 'org.lifecycle.published', data: { version, document }, ...more });

const isRule = (from: string, to: string) => (r: TransitionRule) => r.from === from && r.to === to;
/** The default rules with one transition changed. */
const withRule = (from: string, to: string, patch: Partial<TransitionRule>, rules = DEFAULT_LIFECYCLE): LifecycleRules => ({
  ...rules,
  transitions: rules.transitions.map((r) => (isRule(from, to)(r) ? { ...r, ...patch } : r)),
});
const without = (from: string, to: string, rules = DEFAULT_LIFECYCLE): LifecycleRules => ({ ...rules, transitions: rules.transitions.filter((r) => !isRule(from, to)(r)) });

describe('lifecycle fold', () => {
  it('nothing published: the shipped DEFAULT_LIFECYCLE as version 1', () => {
    expect(foldOrgDocuments([]).lifecycle).toEqual({
      version: 1,
      current: DEFAULT_LIFECYCLE,
      versions: [{ version: 1, document: DEFAULT_LIFECYCLE, publishedBy: null, publishedAt: null, concurrent: false }],
    });
  });

  it('a publish becomes the next version with who published it and when', () => {
    const next = { ...DEFAULT_LIFECYCLE, resolutionCodes: [...DEFAULT_LIFECYCLE.resolutionCodes, 'Replaced hardware'] };
    const state = foldDocument(LIFECYCLE, [publish('evt-00000001', T1, 2, next)]);
    expect(state.version).toBe(2);
    expect(state.current.resolutionCodes.at(-1)).toBe('Replaced hardware');
    expect(state.versions[1]).toMatchObject({ version: 2, publishedBy: 'Dana', publishedAt: new Date(T1).toISOString(), concurrent: false });
  });

  it('two PCs publish v2 at once: the later is renumbered v3 and merged — transitions by from → to, codes and review priorities as sets', () => {
    // Dana: Reopen needs a link too, drops "No fault found", adds "Replaced hardware", reviews P3s.
    const dana: LifecycleRules = {
      ...withRule('resolved', 'investigating', { requires: ['reason', 'link'] }),
      resolutionCodes: [...DEFAULT_LIFECYCLE.resolutionCodes.filter((c) => c !== 'No fault found'), 'Replaced hardware'],
      reviewPriorities: ['P1', 'P2', 'P3'],
    };
    // Sam, from the same v1: relabels Acknowledge, adds New → Resolved, adds "Duplicate", stops reviewing P2s.
    const sam: LifecycleRules = {
      ...withRule('new', 'acknowledged', { label: 'Take it' }),
      transitions: [...withRule('new', 'acknowledged', { label: 'Take it' }).transitions, { from: 'new', to: 'resolved', requires: ['resolution'], label: 'Resolve at first contact' }],
      resolutionCodes: [...DEFAULT_LIFECYCLE.resolutionCodes, 'Duplicate'],
      reviewPriorities: ['P1'],
    };
    const events = [publish('evt-0000000a', T1, 2, dana), publish('evt-0000000b', T2, 2, sam, { writer: 'writer-b', actor: 'Sam' })];
    const state = foldDocument(LIFECYCLE, events);
    expect(state.versions.map((v) => [v.version, v.publishedBy, v.concurrent])).toEqual([
      [1, null, false],
      [2, 'Dana', false],
      [3, 'Sam', true],
    ]);
    const rules = state.current;
    expect(rules.transitions.find(isRule('resolved', 'investigating'))!.requires).toEqual(['reason', 'link']);
    expect(rules.transitions.find(isRule('new', 'acknowledged'))!.label).toBe('Take it');
    expect(rules.transitions.at(-1)).toEqual({ from: 'new', to: 'resolved', requires: ['resolution'], label: 'Resolve at first contact' });
    expect(rules.resolutionCodes).toEqual(['Fixed', 'Workaround', 'Configuration change', 'Rolled back', 'Vendor fix', 'Resolved by caller', 'Replaced hardware', 'Duplicate']);
    expect(rules.reviewPriorities).toEqual(['P1', 'P3']);
    // Every PC folds the same, whatever order the events arrived in.
    expect(foldDocument(LIFECYCLE, [...events].reverse())).toEqual(state);
  });

  it('a merge that would leave the rules unusable keeps the later publish as it was', () => {
    const codes = (resolutionCodes: string[]): LifecycleRules => ({ ...DEFAULT_LIFECYCLE, resolutionCodes });
    const base = codes(['Fixed', 'Workaround']);
    // Each removed a different one of the two codes: merged, none would be left.
    expect(mergeLifecycle(base, codes(['Workaround']), codes(['Fixed']))).toEqual(codes(['Workaround']));
    // Each removed a different way to Resolved: merged, Resolved would be unreachable.
    const twoWays = without('monitoring', 'resolved');
    const viaMitigated = without('investigating', 'resolved', twoWays);
    const viaInvestigating = without('mitigated', 'resolved', twoWays);
    expect(mergeLifecycle(twoWays, viaMitigated, viaInvestigating)).toEqual(viaMitigated);
  });
});

describe('publishable lifecycle rules', () => {
  it('accepts the shipped rules', () => {
    expect(PublishedLifecycleSchema.safeParse(DEFAULT_LIFECYCLE).success).toBe(true);
  });

  const resolves = ['investigating', 'mitigated', 'monitoring'] as const;
  const noWayToResolve = resolves.reduce((rules, from) => without(from, 'resolved', rules), DEFAULT_LIFECYCLE);
  const cases: Array<{ name: string; rules: LifecycleRules; paths: string[]; message: RegExp }> = [
    { name: 'an empty label', rules: withRule('new', 'acknowledged', { label: '' }), paths: ['transitions.0.label'], message: /New → Acknowledged needs a label/ },
    {
      name: 'a duplicate from → to',
      rules: { ...DEFAULT_LIFECYCLE, transitions: [...DEFAULT_LIFECYCLE.transitions, { from: 'new', to: 'acknowledged', requires: [], label: 'Ack' }] },
      paths: [`transitions.${DEFAULT_LIFECYCLE.transitions.length}`],
      message: /New → Acknowledged is listed twice/,
    },
    { name: 'no resolution codes', rules: { ...DEFAULT_LIFECYCLE, resolutionCodes: [] }, paths: ['resolutionCodes'], message: /Keep at least one resolution code/ },
    { name: 'a blank resolution code', rules: { ...DEFAULT_LIFECYCLE, resolutionCodes: ['Fixed', ' '] }, paths: ['resolutionCodes.1'], message: /cannot be blank/ },
    { name: 'a resolution code twice', rules: { ...DEFAULT_LIFECYCLE, resolutionCodes: ['Fixed', 'fixed '] }, paths: ['resolutionCodes.1'], message: /"fixed" is listed twice/ },
    { name: 'no way from New to Resolved (nor Closed)', rules: noWayToResolve, paths: ['transitions', 'transitions'], message: /No way from New to Resolved/ },
    { name: 'no way from Resolved to Closed', rules: without('resolved', 'closed'), paths: ['transitions'], message: /No way from New to Closed/ },
    { name: 'resolving without a resolution', rules: withRule('investigating', 'resolved', { requires: [] }), paths: ['transitions.7.requires'], message: /must require a resolution/ },
    { name: 'a transition to where it starts', rules: withRule('new', 'acknowledged', { to: 'new' }), paths: ['transitions.0.to'], message: /leads back to the same status/ },
    { name: 'a transition from On hold', rules: withRule('new', 'acknowledged', { from: 'on_hold' }), paths: ['transitions.0.from'], message: /only resumes where it was put on hold/ },
  ];

  it.each(cases)('refuses $name, naming the field', ({ rules, paths, message }) => {
    const result = PublishedLifecycleSchema.safeParse(rules);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(paths);
    expect(result.error!.issues[0]!.message).toMatch(message);
  });
});
