import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/api';
import type { CsvMapping } from '../../shared/contract/import-api';
import type { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { tempDir } from '../support/temp-dir';
import { openTestWorkspace } from '../support/workspace';
import { BPI_SAMPLE, importText, journalLines, preview, SERVICENOW, text } from './import-helpers';

/** The first `n` lines of the BPI sample (header included), CRLF as in the file. */
async function bpiLines(n: number): Promise<string[]> {
  return (await text(BPI_SAMPLE)).split('\r\n').slice(0, n);
}

const join = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

describe('malformed files', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let ws: WorkspaceService;
  let mapping: CsvMapping;
  beforeEach(async () => {
    dir = await tempDir('watchfloor-import-bad-');
    ({ service: ws } = await openTestWorkspace(dir.path));
    mapping = (await preview(ws, join(await bpiLines(300)))).mapping as CsvMapping;
  });
  afterEach(async () => {
    await ws.close();
    await dir.cleanup();
  });

  const run = (content: string, acceptValidRows = false) => importText(ws, content, { mapping, sourceKey: 'bpi2013-vinst', acceptValidRows });
  const refusal = async (content: string) => {
    const err = await run(content).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).body.code).toBe('invalid_input');
    return (err as ApiError).message;
  };

  it('refuses a bad time naming the line and the column, and writes nothing', async () => {
    const lines = await bpiLines(300);
    lines[16] = lines[16]!.replace(/,\d{4}-\d\d-\d\dT[^,]+,/, ',2011-13-45T99:00:00+01:00,'); // file line 17
    const content = join(lines);
    const p = await preview(ws, content, { mapping });
    expect(p.issues).toEqual([{ line: 17, field: 'Change Date+Time', message: expect.stringMatching(/^"2011-13-45T99:00:00\+01:00" is not a date-time/) }]);
    expect(await refusal(content)).toMatch(/^Line 17, "Change Date\+Time": "2011-13-45T99:00:00\+01:00" is not a date-time .*Nothing was imported\./);
    expect(await journalLines(dir.path)).toBe(0);
    expect(ws.allIncidents()).toEqual([]);
  });

  it('names the first missing field of a short row, an empty id and an unmapped status', async () => {
    const lines = await bpiLines(300);
    lines[9] = lines[9]!.split(',').slice(0, 12).join(','); // line 10: 12 of 17 fields
    lines[20] = `,${lines[20]!.split(',').slice(1).join(',')}`; // line 21: no SR Number
    const k = lines.findIndex((l, i) => i > 25 && l.includes(',Accepted,In Progress,'));
    lines[k] = lines[k]!.replace(',Accepted,In Progress,', ',Accepted,Teleported,');
    const content = join(lines);
    const p = await preview(ws, content, { mapping: { ...mapping, status: { ...mapping.status } } });
    // The preview suggests a target for the new status; the mapping as given has none.
    expect(p.issues.map((i) => [i.line, i.field])).toEqual([
      [10, '(record)'],
      [21, 'SR Number'],
    ]);
    expect(p.issues[0]!.message).toBe('has 12 fields, the header 17 (no "Product")');
    const message = await refusal(content);
    expect(message).toMatch(/^Line 10, "\(record\)": has 12 fields, the header 17 \(no "Product"\) \(and 2 more problems\)\./);
    const strict = (await run(content, true)).skipped;
    expect(strict.map((i) => [i.line, i.field])).toEqual([
      [10, '(record)'],
      [21, 'SR Number'],
      [k + 1, 'Sub Status'],
    ]);
    expect(strict[2]!.message).toBe('"Accepted / Teleported" has no status mapping');
  });

  it('reads a stray quote as text (then names the value), but refuses a quote never closed, naming its line', async () => {
    const lines = await bpiLines(300);
    lines[4] = lines[4]!.replace('Accepted,In Progress', 'Accepted,"In "Progress');
    lines[50] = lines[50]!.replace(/,\d{4}-\d\d-\d\dT[^,]+,/, ',not a time,');
    const p = await preview(ws, join(lines), { mapping });
    expect(p.issues.map((i) => [i.line, i.field])).toEqual([
      [51, 'Change Date+Time'],
    ]);
    const stray = await run(join(lines), true);
    expect(stray.skipped.map((i) => [i.line, i.field, i.message])).toEqual([
      [5, 'Sub Status', '"Accepted / "In "Progress" has no status mapping'],
      [51, 'Change Date+Time', expect.stringMatching(/^"not a time" is not a date-time/)],
    ]);

    const unclosed = await bpiLines(300);
    unclosed[7] = `${unclosed[7]!.slice(0, unclosed[7]!.lastIndexOf(','))},"nl-Olga`; // line 8: an opening quote, never closed
    const q = await preview(ws, join(unclosed), { mapping });
    expect(q.issues[0]).toEqual({ line: 8, field: '(record)', message: 'A quoted field opened here is never closed: the rest of the file cannot be read' });
    // Fatal: "import the valid rows" would silently drop the rest of the file.
    const err = await run(join(unclosed), true).catch((e: unknown) => e);
    expect((err as ApiError).message).toMatch(/^Line 8, "\(record\)": A quoted field opened here is never closed/);
  });

  it('imports only the valid rows when asked, with a summary of the skipped ones and why', async () => {
    const lines = await bpiLines(300);
    lines[16] = lines[16]!.replace(/,\d{4}-\d\d-\d\dT[^,]+,/, ',yesterday,');
    lines[120] = lines[120]!.replace(/,(Low|Medium|High),/, ',Apocalyptic,');
    const content = join(lines);
    const clean = await preview(ws, join(await bpiLines(300)), { mapping });
    const summary = await run(content, true);
    expect(summary.rows).toEqual({ total: 299, imported: 297, skipped: 2 });
    expect(summary.skippedCount).toBe(2);
    expect(summary.skipped.map((s) => [s.line, s.field])).toEqual([
      [17, 'Change Date+Time'],
      [121, 'SR Latest Impact'],
    ]);
    expect(summary.skipped[1]!.message).toBe('"Apocalyptic" has no impact mapping');
    expect(summary.incidents.total).toBe(clean.incidentCount);
    // The skipped rows are not in any timeline: the incidents hold one event source row fewer each.
    expect(summary.events.recorded).toBe(await journalLines(dir.path));
  });

  it('refuses a mapping naming a column the file lacks, even for "valid rows only"', async () => {
    const content = join(await bpiLines(50));
    const bad = { ...mapping, columns: { ...mapping.columns, impact: 'Severity' } };
    const err = await importText(ws, content, { mapping: bad, sourceKey: 'bpi2013-vinst', acceptValidRows: true }).catch((e: unknown) => e);
    expect((err as ApiError).message).toBe('Line 1, "columns.impact": The file has no column "Severity" (chosen as the impact). Nothing was imported.');
    expect(await journalLines(dir.path)).toBe(0);
  });

  it('refuses an unknown resolution code in the mapping', async () => {
    const content = await text(SERVICENOW);
    const p = await preview(ws, content);
    const err = await importText(ws, content, { mapping: { ...(p.mapping as CsvMapping), defaultResolutionCode: 'Magic' }, sourceKey: p.sourceKey }).catch((e: unknown) => e);
    expect((err as ApiError).message).toMatch(/^"resolutionCodes": "Magic" is no resolution code; use one of: Fixed, /);
    expect(ws.allIncidents()).toEqual([]);
  });

  it('rejects input that breaks the contract before reading the file', async () => {
    await expect(ws.call('import.run', { importId: 'x', content: '', fileName: 'f', sourceKey: 'bpi2013-vinst', mapping })).rejects.toMatchObject({ body: { code: 'invalid_input', field: 'content' } });
    await expect(ws.call('import.run', { importId: 'x', content: 'a,b\n1,2\n', fileName: 'f', sourceKey: 'no spaces allowed', mapping })).rejects.toMatchObject({ body: { field: 'sourceKey' } });
    await expect(ws.call('import.run', { importId: 'x', content: 'a,b\n1,2\n', fileName: 'f', sourceKey: 'k', mapping: { ...mapping, status: { x: 'sideways' } } })).rejects.toMatchObject({ body: { code: 'invalid_input' } });
  });
});
