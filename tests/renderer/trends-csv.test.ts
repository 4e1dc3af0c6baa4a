import { describe, expect, it } from 'vitest';
import { buildCsv, csvField, exportFileName } from '../../renderer/src/features/trends/csv';

describe('CSV building', () => {
  it('quotes fields with commas, quotes and line breaks (quotes doubled)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('writes numbers as numbers, empties for missing values', () => {
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('true');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-5)).toBe('-5'); // a real number stays a number
  });

  it('joins rows with CRLF after a byte-order mark', () => {
    const csv = buildCsv(['Period', 'P1', 'Note'], [['w/c 2 Mar 2026', 3, 'ok, fine'], ['w/c 9 Mar 2026', null, '']]);
    expect(csv).toBe('\uFEFFPeriod,P1,Note\r\nw/c 2 Mar 2026,3,"ok, fine"\r\nw/c 9 Mar 2026,,\r\n');
    expect(buildCsv(['a'], [], false)).toBe('a\r\n');
  });

  it('names files after the chart and the range', () => {
    expect(exportFileName('Incidents opened per week', '2025-06-01', '2026-05-31', 'csv')).toBe('watchfloor-incidents-opened-per-week-2025-06-01-to-2026-05-31.csv');
    expect(exportFileName('SLA compliance: résolution (P1)', '2026-01-01', '2026-01-31', 'png')).toBe('watchfloor-sla-compliance-resolution-p1-2026-01-01-to-2026-01-31.png');
    expect(exportFileName('???', 'a', 'b', 'csv')).toBe('watchfloor-chart-a-to-b.csv');
  });
});
