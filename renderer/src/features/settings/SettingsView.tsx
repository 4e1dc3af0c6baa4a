import { useEffect } from 'react';
import { startClock } from '../../ui/clock-store';
import { viewHref } from '../../ui/view-href';
import { SharedFolderSection } from './SharedFolderSection';
import './Settings.css';

/** This machine's settings (route `/settings`, `#/settings`). */
export function SettingsView() {
  useEffect(() => startClock(), []);
  return (
    <div className="settings-view">
      <header className="settings-header">
        <a className="settings-back" href={viewHref('/')}>
          ← Console
        </a>
        <h1 className="settings-title">Settings</h1>
      </header>
      <main className="settings-main">
        <SharedFolderSection />
      </main>
    </div>
  );
}
