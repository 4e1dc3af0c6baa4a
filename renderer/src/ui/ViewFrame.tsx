import type { ReactNode } from 'react';
import { viewHref } from './view-href';
import './view-frame.css';

/**
 * The frame of a full-page settings-like view (settings, policies, directory): a header with the
 * way back to the console, the title and one line of context, then the scrolling content.
 */
export function ViewFrame({ title, intro, mainClassName, children }: { title: string; intro?: string; mainClassName?: string; children: ReactNode }) {
  return (
    <div className="view-frame">
      <header className="view-frame-header">
        <a className="view-frame-back" href={viewHref('/')}>
          ← Console
        </a>
        <h1 className="view-frame-title">{title}</h1>
        {intro && <p className="view-frame-intro">{intro}</p>}
      </header>
      <main className={`view-frame-main${mainClassName ? ` ${mainClassName}` : ''}`}>{children}</main>
    </div>
  );
}
