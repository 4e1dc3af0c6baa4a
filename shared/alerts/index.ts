/** Alert intake: parsing, deduplication/grouping and triage into incidents. Pure. */
export * from './model';
export { parseAlertmanager, parseGrafana } from './alertmanager';
export { parsePagerDuty, pagerDutyAccepted, pagerDutyInvalid, generatedDedupKey, PAGERDUTY_ACTIONS, type PagerDutyAction, type PagerDutyAccepted, type PagerDutyInvalid } from './pagerduty';
export { parseCap, CAP_REPEATED_ELEMENTS, CAP_NAMESPACE_1_2 } from './cap';
export { parseGeneric, GenericAlertSchema, genericAccepted, type GenericAlert } from './generic';
export { detectFormat, parseJsonText, parseAlertBody, PARSERS } from './detect';
export { prometheusFingerprint, sha256Hex, canonicalJson } from './hash';
export { parseTime, normaliseSeverity, SEVERITY_WORDS, PAGERDUTY_SEVERITY, CAP_SEVERITY, UNKNOWN_SEVERITY } from './normalise';
export * from './events';
export * from './inbox';
export * from './triage';
