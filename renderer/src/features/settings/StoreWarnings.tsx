import type { StoreStatus } from '../../../../shared/contract/store-api';

/** Problems found in the shared folder or the local files: never fatal, each naming its file. */
export function StoreWarnings({ warnings }: { warnings: StoreStatus['warnings'] }) {
  return (
    <>
      <h3 className="settings-subtitle" id="settings-warnings-title">
        Warnings
      </h3>
      {warnings.length === 0 ? (
        <p className="settings-hint">None.</p>
      ) : (
        <ul className="settings-warnings" aria-labelledby="settings-warnings-title">
          {warnings.map((w, i) => (
            <li key={`${w.file}:${i}`}>
              <code className="settings-warning-file">{w.file}</code>
              <span>{w.message}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
