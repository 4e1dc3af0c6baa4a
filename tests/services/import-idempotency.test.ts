import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { tempDir } from '../support/temp-dir';
import { openTestWorkspace } from '../support/workspace';
import { BPI_SAMPLE, byExternalId, followsLifecycle, importText, journalLines, SERVICENOW, statusMoves, text } from './import-helpers';

describe('importing the same data again adds nothing', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let ws: WorkspaceService;
  beforeEach(async () => {
    dir = await tempDir('watchfloor-import-again-');
    ({ service: ws } = await openTestWorkspace(dir.path));
  });
  afterEach(async () => {
    await ws.close();
    await dir.cleanup();
  });

  it('BPI sample twice, and again after a restart: no new events, identical incidents', { timeout: 180_000 }, async () => {
    const content = await text(BPI_SAMPLE);
    const first = await importText(ws, content);
    const lines = await journalLines(dir.path);
    const before = new Map(ws.allIncidents().map((s) => [s.id, s]));

    const second = await importText(ws, content);
    expect(second.incidents).toEqual({ total: 1000, created: 0, updated: 0, unchanged: 1000 });
    expect(second.events).toEqual({ recorded: 0, alreadyPresent: first.events.recorded });
    expect(second.examples).toEqual(first.examples); // the same source ids map to the same incidents
    expect(await journalLines(dir.path)).toBe(lines);
    for (const s of ws.allIncidents()) expect(s).toBe(before.get(s.id)); // not even refolded

    await ws.close();
    ({ service: ws } = await openTestWorkspace(dir.path));
    const third = await importText(ws, content);
    expect(third.events.recorded).toBe(0);
    expect(await journalLines(dir.path)).toBe(lines);
    expect(ws.allIncidents()).toHaveLength(1000);
  });

  it('a later export of the same source adds the new incidents and the new rows of known ones', async () => {
    const all = (await text(SERVICENOW)).split('\n');
    const partial = `${all.slice(0, 31).join('\n')}\n`; // header + 30 incidents
    const a = await importText(ws, partial);
    expect(a.incidents.created).toBe(30);
    const b = await importText(ws, all.join('\n'));
    expect(b.incidents).toEqual({ total: 67, created: 37, updated: 0, unchanged: 30 });
    expect(ws.allIncidents()).toHaveLength(67);
    expect(new Set(ws.allIncidents().map((s) => s.id)).size).toBe(67);
  });

  it('an incident that went on in the source gets only its new events', { timeout: 60_000 }, async () => {
    const lines = (await text(BPI_SAMPLE)).split('\r\n');
    const rows = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('1-543317665,'));
    // Without its last two rows (Completed / Resolved, Completed / Closed), it is still being worked on.
    const cut = lines.filter((_, i) => i !== rows.at(-1)![1] && i !== rows.at(-2)![1]).join('\r\n');
    await importText(ws, cut);
    expect(byExternalId(ws, '1-543317665').status).toBe('investigating');
    const lineCount = await journalLines(dir.path);
    const again = await importText(ws, lines.join('\r\n'));
    expect(again.incidents).toEqual({ total: 1000, created: 0, updated: 1, unchanged: 999 });
    const s = byExternalId(ws, '1-543317665');
    expect(s.status).toBe('closed');
    expect(followsLifecycle(s)).toBe(true);
    expect(statusMoves(s).slice(-2).map((m) => m.to)).toEqual(['resolved', 'closed']);
    expect(await journalLines(dir.path)).toBe(lineCount + again.events.recorded);
  });

  it('mints imported ids under an import code of their own: no clash with incidents people create meanwhile', async () => {
    const info = (await ws.call('workspace.info', {})) as { writerCode: string };
    const created = (await ws.call('incidents.create', { title: 'Live one', impact: 2, urgency: 2 })) as { id: string };
    const csv = 'number,opened_at,incident_state\nA1,2026-02-27 10:00:00,1\nA2,2026-02-28 11:00:00,2\n';
    await importText(ws, csv);
    const imported = [byExternalId(ws, 'A1').id, byExternalId(ws, 'A2').id];
    expect(imported.every((id) => /^INC-2026-[A-Z0-9]{6}-[12]$/.test(id) && !id.includes(info.writerCode))).toBe(true);
    const next = (await ws.call('incidents.create', { title: 'Live two', impact: 2, urgency: 2 })) as { id: string };
    expect(created.id).toMatch(new RegExp(`^INC-2026-${info.writerCode}-1$`));
    expect(next.id).toMatch(new RegExp(`^INC-2026-${info.writerCode}-2$`));
  });

  it('keeps an imported history that the source rewrote, and says so', { timeout: 60_000 }, async () => {
    const lines = (await text(BPI_SAMPLE)).split('\r\n');
    // A case closed in the log and then worked on again: cut right after that Closed.
    const byCase = new Map<string, number[]>();
    lines.forEach((l, i) => i > 0 && l && byCase.set(l.split(',')[0]!, [...(byCase.get(l.split(',')[0]!) ?? []), i]));
    let victim: { id: string; cutAfter: number } | undefined;
    for (const [id, idx] of byCase) {
      const k = idx.findIndex((i, n) => n < idx.length - 1 && lines[i]!.includes(',Completed,Closed,') && !lines[idx[n + 1]!]!.includes(',Completed,Closed,'));
      if (k >= 0) {
        victim = { id, cutAfter: idx[k]! };
        break;
      }
    }
    expect(victim).toBeDefined();
    const drop = new Set(byCase.get(victim!.id)!.filter((i) => i > victim!.cutAfter));
    await importText(ws, lines.filter((_, i) => !drop.has(i)).join('\r\n'));
    const closed = byExternalId(ws, victim!.id);
    expect(closed.status).toBe('closed');

    const again = await importText(ws, lines.join('\r\n'));
    expect(again.notes.map((n) => n.message)).toContainEqual(expect.stringMatching(/^Changed in the source so that its imported history no longer holds/));
    expect(again.incidents.updated).toBe(0);
    expect(byExternalId(ws, victim!.id)).toBe(closed);
  });
});
