import type { StoreStatus } from '../../../../shared/contract/store-api';
import { clockTime, timeAgo } from '../../ui/shared-folder-text';

/** Every PC that left a heartbeat in the shared folder, most recently seen first. */
export function WritersTable({ writers, utc, now }: { writers: StoreStatus['writers']; utc: boolean; now: number }) {
  return (
    <>
      <h3 className="settings-subtitle" id="settings-writers-title">
        Writers seen
      </h3>
      {writers.length === 0 ? (
        <p className="settings-hint">No writer has been seen in the shared folder yet.</p>
      ) : (
        <table className="settings-table" aria-labelledby="settings-writers-title" data-testid="settings-writers">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Host</th>
              <th scope="col">Last seen</th>
              <th scope="col">Version</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {writers.map((w) => (
              <tr key={w.writerId}>
                <th scope="row">
                  {w.writerName || w.writerId}
                  {w.self && <span className="settings-self"> (this machine)</span>}
                </th>
                <td>{w.host}</td>
                <td>
                  <time dateTime={w.lastSeen} title={new Date(w.lastSeen).toISOString()}>
                    {timeAgo(w.lastSeen, now)} ({clockTime(w.lastSeen, utc)})
                  </time>
                </td>
                <td>{w.appVersion}</td>
                <td className={w.online ? 'settings-online' : 'settings-away'}>{w.online ? 'online' : w.self ? 'offline' : 'away'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
