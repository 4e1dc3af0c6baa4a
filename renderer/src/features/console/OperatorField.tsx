import { useEffect, useState } from 'react';
import { MachineSettingsSchema } from '../../../../shared/contract/api';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { isBrowserMode, useConsole } from './console-store';
import { apiErrorOf, issueMessage } from './form-errors';
import { useOperator, useReadOnly } from './hooks';
import './ConsoleHeader.css';

/** Who is at this console; the name is recorded as author of every change. */
export function OperatorField() {
  const client = useApi();
  const operator = useOperator();
  const readOnly = useReadOnly();
  const setBrowserOperator = useConsole((s) => s.setBrowserOperator);
  const [value, setValue] = useState(operator);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!editing) setValue(operator);
  }, [operator, editing]);

  const commit = async () => {
    setEditing(false);
    const parsed = MachineSettingsSchema.shape.operatorName.safeParse(value);
    if (!parsed.success) {
      setError(issueMessage(parsed.error.issues[0]!));
      return;
    }
    setError(undefined);
    if (parsed.data === operator) return;
    if (isBrowserMode()) setBrowserOperator(parsed.data);
    try {
      const settings = await client.call('settings.update', { operatorName: parsed.data });
      const info = useWorkspace.getState().info;
      if (info) useWorkspace.setState({ info: { ...info, settings } });
    } catch (err) {
      // A browser keeps its own name even when the host refuses to change the machine's.
      if (!isBrowserMode()) setError(apiErrorOf(err).message);
    }
  };

  return (
    <div className="console-operator">
      <label className="console-header-label" htmlFor="console-operator">
        Operator
      </label>
      <input
        id="console-operator"
        className="console-input console-operator-input"
        value={value}
        autoComplete="name"
        disabled={readOnly && !isBrowserMode()}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'console-operator-error' : undefined}
        onFocus={() => setEditing(true)}
        onChange={(e) => {
          setValue(e.target.value);
          const check = MachineSettingsSchema.shape.operatorName.safeParse(e.target.value);
          setError(check.success ? undefined : issueMessage(check.error.issues[0]!));
        }}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          if (e.key === 'Escape') {
            setValue(operator);
            setError(undefined);
          }
        }}
      />
      {error && (
        <span id="console-operator-error" className="console-operator-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
