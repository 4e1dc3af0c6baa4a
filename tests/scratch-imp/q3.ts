import { parse } from 'csv-parse/sync';
for (const csv of ['\uFEFFa,b\n1,2\n']) {
  parse(csv, { bom: true, on_record: (r: string[], c: any) => { console.log(JSON.stringify(r), c.lines, c.bytes); return null; } });
  console.log('--', Buffer.byteLength(csv));
}
