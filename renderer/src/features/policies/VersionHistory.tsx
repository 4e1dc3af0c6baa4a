import { useWorkspace } from '../../state/workspace-store';
import { formatTime } from '../../ui/format';

interface VersionEntry {
  policy: { version: number; effectiveFrom: string };
  publishedBy: string | null;
  concurrent: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "27 Nov 14:02" in local time, or UTC ("27 Nov 14:02Z") when the operator works in UTC. */
function dayAndTime(iso: string, utc: boolean): string {
  const d = new Date(iso);
  const [day, month] = utc ? [d.getUTCDate(), d.getUTCMonth()] : [d.getDate(), d.getMonth()];
  return `${day} ${MONTHS[month]} ${formatTime(iso, utc)}`;
}

/** "v3, from 27 Nov 14:02 by Dana"; a shipped default: "v1, shipped default". */
export function versionText(v: VersionEntry, utc: boolean): string {
  if (v.publishedBy === null) return `v${v.policy.version}, shipped default`;
  return `v${v.policy.version}, from ${dayAndTime(v.policy.effectiveFrom, utc)} by ${v.publishedBy}`;
}

/** Every version of a policy, newest first. */
export function VersionHistory({ label, versions }: { label: string; versions: readonly VersionEntry[] }) {
  const utc = useWorkspace((s) => s.info?.settings.utcEverywhere ?? false);
  return (
    <div className="policies-history">
      <h3 className="policies-subtitle">Version history</h3>
      <ol className="policies-history-list" aria-label={label}>
        {[...versions].reverse().map((v) => (
          <li key={v.policy.version}>
            {versionText(v, utc)}
            {v.concurrent && <span className="policies-muted"> (published at the same time as the version before it, on another PC)</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
