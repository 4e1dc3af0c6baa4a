import { useWorkspace } from '../../state/workspace-store';
import { formatTime } from '../../ui/format';

/** A policy version (in force from its `effectiveFrom`) or a document version (in force from when it was published). */
type VersionEntry = { publishedBy: string | null; concurrent: boolean } & ({ policy: { version: number; effectiveFrom: string } } | { version: number; publishedAt: string | null });

const versionOf = (v: VersionEntry) => ('policy' in v ? v.policy.version : v.version);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "27 Nov 14:02" in local time, or UTC ("27 Nov 14:02Z") when the operator works in UTC. */
function dayAndTime(iso: string, utc: boolean): string {
  const d = new Date(iso);
  const [day, month] = utc ? [d.getUTCDate(), d.getUTCMonth()] : [d.getDate(), d.getMonth()];
  return `${day} ${MONTHS[month]} ${formatTime(iso, utc)}`;
}

/** "v3, from 27 Nov 14:02 by Dana"; a shipped default: "v1, shipped default". */
export function versionText(v: VersionEntry, utc: boolean): string {
  const from = 'policy' in v ? v.policy.effectiveFrom : v.publishedAt;
  if (v.publishedBy === null || from === null) return `v${versionOf(v)}, shipped default`;
  return `v${versionOf(v)}, from ${dayAndTime(from, utc)} by ${v.publishedBy}`;
}

/** Every version of a policy, newest first. */
export function VersionHistory({ label, versions }: { label: string; versions: readonly VersionEntry[] }) {
  const utc = useWorkspace((s) => s.info?.settings.utcEverywhere ?? false);
  return (
    <div className="policies-history">
      <h3 className="policies-subtitle">Version history</h3>
      <ol className="policies-history-list" aria-label={label}>
        {[...versions].reverse().map((v) => (
          <li key={versionOf(v)}>
            {versionText(v, utc)}
            {v.concurrent && <span className="policies-muted"> (published at the same time as the version before it, on another PC)</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
