/** A field's validation message, linked to its input by `aria-describedby` (`<id>-error`). */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="console-field-error" id={`${id}-error`}>
      {message}
    </span>
  );
}

/** Props for an input whose field may be in error. */
export function invalidProps(id: string, message: string | undefined) {
  return message ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

/** An element id from a field path ("priorities.P2.acknowledge.minutes" → "sla-priorities-P2-acknowledge-minutes"). */
export function fieldId(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}
