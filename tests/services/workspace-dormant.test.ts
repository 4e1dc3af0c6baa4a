import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore, FoldedHistory } from '../../electron/services/journal/event-store';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { summarize } from '../../shared/domain/incident';
import { foldIncident } from '../../shared/domain/reducer';
import { tempDir } from '../support/temp-dir';
import { rawEvent } from './fixtures/raw-events';

describe('workspace: incidents held folded by the store (dormant)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir('wf-dormant-')));
  afterEach(() => dir.cleanup());

  const events = [rawEvent('desk-a', 1, { stream: 'INC-2026-DESKA-1' }), rawEvent('desk-a', 2, { stream: 'INC-2026-DESKA-1', text: 'Generator on' })];
  const whole = foldIncident(events)!;

  /** A store holding one incident folded, whose events it can (`readable`) or cannot read, and can deliver later. */
  function store(readable: boolean) {
    let deliver: ((events: unknown[]) => void) | undefined;
    const history: FoldedHistory = { summaries: [summarize(whole)], eventsOf: () => (readable ? events : undefined), lastSeqOf: () => 0 };
    const s: EventStore = {
      load: async () => ({ events: [], warnings: [], history }),
      append: async () => undefined,
      onRemoteEvents: (l) => ((deliver = l), () => undefined),
      close: async () => undefined,
    };
    return { s, deliver: (e: unknown[]) => deliver!(e) };
  }

  it('folds one on first need, and lists it by its summary before that', async () => {
    const { s } = store(true);
    const ws = await WorkspaceService.open({ dataDir: dir.path, version: 'test', store: s });
    expect(ws.isFolded(whole.id)).toBe(false);
    expect(ws.incidentSummaries().map((i) => i.id)).toEqual([whole.id]);
    expect(ws.require(whole.id)).toEqual(whole);
    expect(ws.isFolded(whole.id)).toBe(true);
    expect(ws.incidentSummaries()).toHaveLength(1);
    await ws.close();
  });

  it('one whose stored events cannot be read keeps its id and summary until the store delivers its events, then is folded once', async () => {
    const { s, deliver } = store(false);
    const ws = await WorkspaceService.open({ dataDir: dir.path, version: 'test', store: s });
    expect(() => ws.require(whole.id)).toThrow(/No incident/);
    expect(ws.incidentIds()).toEqual([whole.id]); // a new id never takes it meanwhile
    expect(ws.incidentsWhere(() => true)).toEqual([]);
    deliver([events[1], events[0]]);
    expect(ws.require(whole.id)).toEqual(whole);
    expect(ws.incidentIds()).toEqual([whole.id]);
    expect(ws.incidentSummaries()).toEqual([whole]);
    await ws.close();
  });
});
