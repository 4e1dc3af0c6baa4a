import { readFileSync } from 'node:fs';
import { parseCsvTable } from '../../electron/services/importers/csv-table';
const lines = readFileSync('/work/shared/data/eventlogs/bpi2013_vinst_incidents_sample1000cases.csv', 'utf8').split('\r\n').slice(0, 300);
lines[7] = lines[7]!.replace('Accepted,In Progress', 'Accepted,"In Progress');
const t = parseCsvTable(lines.join('\r\n') + '\r\n');
console.log(t.issues, t.fatal, t.rows.length, t.rows.at(-1)?.length, t.rows.at(-1)?.slice(0,4).map(x=>x.slice(0,80)));
console.log(t.rows[6]?.slice(0, 6));
for (const variant of ['"In Progress', '"In Progress""', '"In ""Progress']) {
  const l = readFileSync('/work/shared/data/eventlogs/bpi2013_vinst_incidents_sample1000cases.csv', 'utf8').split('\r\n').slice(0, 300);
  l[7] = l[7]!.replace('Accepted,In Progress,', `Accepted,${variant},`);
  const x = parseCsvTable(l.join('\r\n') + '\r\n');
  console.log(variant, x.rows.length, x.issues.length, x.fatal, x.rows[6]?.slice(2, 5));
}
const l = readFileSync('/work/shared/data/eventlogs/bpi2013_vinst_incidents_sample1000cases.csv', 'utf8').split('\r\n').slice(0, 300);
l[7] = l[7]!.replace('Accepted,In Progress,', `Accepted,"In Progress,`);
l[7] = l[7]!.slice(0, l[7]!.lastIndexOf(',')) + ',"broken';
const x = parseCsvTable(l.join('\r\n') + '\r\n');
console.log('b', x.rows.length, x.issues, x.fatal);
