import type { ApiErrorBody } from '../../../../shared/contract/api';
import './forms.css';

/** The backend's answer when it refused a change (rule, validation, connection). */
export function FormAlert({ error }: { error: ApiErrorBody | undefined }) {
  if (!error) return null;
  return (
    <p className="console-alert" role="alert">
      {error.message}
    </p>
  );
}
