import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../electron/services/importers/csv-table';
import { externalPart, incidentEventPrefix } from '../../electron/services/importers/import-ids';
import { parseSourceTime } from '../../electron/services/importers/source-time';
import { suggestStatus } from '../../electron/services/importers/csv-suggest';
import { sniffFormat } from '../../electron/services/importers/import-service';

describe('importer building blocks', () => {
  it('reads ISO times with a zone, and zone-less export times as UTC', () => {
    expect(parseSourceTime('2011-07-25T14:45:15+01:00')).toBe(Date.parse('2011-07-25T13:45:15Z'));
    expect(parseSourceTime('2016-12-12 15:19:57')).toBe(Date.parse('2016-12-12T15:19:57Z'));
    expect(parseSourceTime('2016-12-12T15:19:57.250Z')).toBe(Date.parse('2016-12-12T15:19:57.250Z'));
    expect(parseSourceTime('2016-12-12')).toBe(Date.parse('2016-12-12T00:00:00Z'));
    expect(parseSourceTime('2020-02-10 08:00 -0500')).toBe(Date.parse('2020-02-10T13:00:00Z'));
    for (const bad of ['', 'yesterday', '2011-13-01T00:00:00Z', '2011-04-31 10:00:00', '12/07/2011 10:00', '2011-07-25T25:61:00Z']) expect(parseSourceTime(bad), bad).toBeUndefined();
  });

  it('knows where each record starts, with quoted line breaks, blank lines and a BOM; detects ; and tab', () => {
    const csv = '\uFEFFid;text;when\r\n1;"two\r\nlines";2020-01-01\r\n\r\n2;plain;2020-01-02\r\n3;"a ""quote"" and\nbreak";2020-01-03\r\n';
    const t = parseCsvTable(csv);
    expect(t.delimiter).toBe(';');
    expect(t.header).toEqual(['id', 'text', 'when']);
    expect(t.rows.map((r) => r[0])).toEqual(['1', '2', '3']);
    expect(t.rows[2]![1]).toBe('a "quote" and\nbreak');
    expect([0, 1, 2].map((i) => t.lineOf(i))).toEqual([2, 5, 6]);
    expect(parseCsvTable('a\tb\n1\t2\n').rows).toEqual([['1', '2']]);
    expect(parseCsvTable('a,b\n1,2\n3,4\n').lineOf(1)).toBe(3);
  });

  it('derives short, stable event ids per source and source incident', () => {
    const a = incidentEventPrefix('bpi2013-vinst', '1-543317665');
    expect(a).toMatch(/^imp:[0-9a-f]{8}:1-543317665:$/);
    expect(incidentEventPrefix('bpi2013-vinst', '1-543317665')).toBe(a);
    expect(incidentEventPrefix('other-source', '1-543317665')).not.toBe(a);
    expect(externalPart('INC 0000060 / with spaces')).toMatch(/^h[0-9a-f]{20}$/);
    expect(`${incidentEventPrefix('x'.repeat(80), 'y'.repeat(200))}99999`.length).toBeLessThanOrEqual(64);
  });

  it('suggests lifecycle statuses from status words, sub-status first', () => {
    expect(suggestStatus('Accepted', 'Wait - Vendor')).toBe('on_hold');
    expect(suggestStatus('Queued', 'Awaiting Assignment')).toBe('on_hold');
    expect(suggestStatus('Completed', 'In Call')).toBe('resolved');
    expect(suggestStatus('Completed', 'Closed')).toBe('closed');
    expect(suggestStatus('Completed', 'Cancelled')).toBe('cancelled');
    expect(suggestStatus('Accepted', 'Assigned')).toBe('acknowledged');
    expect(suggestStatus('Unmatched', 'Unmatched')).toBe('ignore');
    expect(suggestStatus('New', '')).toBe('new');
  });

  it('tells JSON from CSV by the first character', () => {
    expect(sniffFormat('\uFEFF  {"page":{}}')).toBe('statuspage');
    expect(sniffFormat('number,opened_at\n')).toBe('csv');
  });
});
