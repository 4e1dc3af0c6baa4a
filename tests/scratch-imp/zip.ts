import { readFileSync } from 'node:fs';
import { readZipEntryWithZlib, readZipEntry } from '../support/zip-entry';
const zip = '/work/shared/data/eventlogs/IBM-VolvoIT-Challenge.zip';
const a = readZipEntryWithZlib(readFileSync(zip), 'VolvoIT-Challenge/VINST-new.csv');
const b = readZipEntry(zip, 'VolvoIT-Challenge/VINST-new.csv');
console.log(a.length, b.length, a.equals(b));
