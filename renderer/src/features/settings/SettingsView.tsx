import { useEffect } from 'react';
import { startClock } from '../../ui/clock-store';
import { ViewFrame } from '../../ui/ViewFrame';
import { SharedFolderSection } from './SharedFolderSection';
import './Settings.css';

/** This machine's settings (route `/settings`, `#/settings`). */
export function SettingsView() {
  useEffect(() => startClock(), []);
  return (
    <ViewFrame title="Settings">
      <SharedFolderSection />
    </ViewFrame>
  );
}
