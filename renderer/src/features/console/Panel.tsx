import type { ReactNode } from 'react';
import './panels.css';

/** A titled section of the incident detail. */
export function Panel({ id, title, actions, children }: { id: string; title: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="console-panel" aria-labelledby={`${id}-title`}>
      <div className="console-panel-head">
        <h3 id={`${id}-title`} className="console-panel-title">
          {title}
        </h3>
        {actions && <div className="console-panel-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
