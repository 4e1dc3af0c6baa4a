/**
 * CAP 1.2 XML → object, then the pure CAP parser in shared/alerts/cap.ts.
 *
 * fast-xml-parser itself is pure JavaScript (no Node built-ins), but shared/ may import only the
 * packages .dependency-cruiser.cjs allows (zod, date-fns), so the XML step lives here.
 * DOCTYPE declarations are refused outright: CAP never needs one, and entity definitions are
 * the classic XML bomb / external-entity vector.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CAP_NAMESPACE_1_2, CAP_REPEATED_ELEMENTS, parseCap } from '../../../shared/alerts/cap';
import type { ParseContext, ParseError, ParseResult } from '../../../shared/alerts/model';

const REPEATED = new Set<string>(CAP_REPEATED_ELEMENTS);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATED.has(name),
});

function xmlError(problem: string): ParseError {
  return { ok: false, error: `xml: ${problem}`, field: 'xml' };
}

/** The XML as the object `parseCap` reads, or an error naming the line and column. */
export function capXmlToObject(xml: string): { ok: true; doc: unknown; warnings: string[] } | ParseError {
  const text = xml.replace(/^\uFEFF/, '');
  if (!text.trim()) return xmlError('the document is empty');
  if (/<!DOCTYPE/i.test(text)) return xmlError('DOCTYPE declarations are not allowed in CAP documents');
  const valid = XMLValidator.validate(text);
  if (valid !== true) return xmlError(`line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  const warnings: string[] = [];
  const ns = /<(?:[\w.-]+:)?alert\b[^>]*\bxmlns(?::[\w.-]+)?\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (ns && ns !== CAP_NAMESPACE_1_2) warnings.push(`xml: namespace ${ns} is not CAP 1.2; read as CAP 1.2`);
  try {
    return { ok: true, doc: parser.parse(text), warnings };
  } catch (e) {
    return xmlError(e instanceof Error ? e.message : String(e));
  }
}

/** Parses a CAP 1.2 XML document into normalised alerts. */
export function parseCapXml(xml: string, ctx: ParseContext): ParseResult {
  const read = capXmlToObject(xml);
  if (!read.ok) return read;
  const result = parseCap(read.doc, ctx);
  return result.ok ? { ...result, warnings: [...read.warnings, ...result.warnings] } : result;
}
