import { Command } from 'cmdk';
import { useMemo } from 'react';
import { allowedTransitions } from '../../../../shared/domain/lifecycle';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { useConsole } from './console-store';
import { ConsoleDialog } from './ConsoleDialog';
import { useSelectedIncident, useUtc } from './hooks';
import { sortForConsole } from './incident-order';
import { useToggleUtc } from './UtcToggle';
import './CommandPalette.css';

/** Ctrl+K: jump to any incident by id or title, or run a console action. */
export function CommandPalette() {
  const open = useConsole((s) => s.paletteOpen);
  const setOpen = useConsole((s) => s.setPaletteOpen);
  return (
    <ConsoleDialog open={open} onClose={() => setOpen(false)} label="Command palette" className="console-palette" closeOnBackdrop>
      <PaletteBody onDone={() => setOpen(false)} />
    </ConsoleDialog>
  );
}

function PaletteBody({ onDone }: { onDone: () => void }) {
  const client = useApi();
  const incidents = useWorkspace((s) => s.incidents);
  const info = useWorkspace((s) => s.info);
  const selected = useSelectedIncident();
  const utc = useUtc();
  const toggleUtc = useToggleUtc();
  const { select, setCreateOpen, focusQuickEntry, setFilters, announce } = useConsole.getState();
  const mine = useConsole((s) => s.filters.mine);
  const sorted = useMemo(() => sortForConsole(Object.values(incidents)), [incidents]);
  const canAcknowledge =
    !!selected && !!info && !info.readOnly && allowedTransitions(info.lifecycle, selected.status, selected.heldFrom).some((t) => t.to === 'acknowledged');

  const run = (action: () => void) => () => {
    onDone();
    action();
  };

  return (
    <Command label="Command palette" loop className="console-cmdk">
      <Command.Input className="console-cmdk-input" placeholder="Type an incident id, title, or a command…" data-autofocus="" />
      <Command.List className="console-cmdk-list" label="Incidents and commands">
        <Command.Empty className="console-cmdk-empty">Nothing matches.</Command.Empty>
        <Command.Group heading="Actions" className="console-cmdk-group">
          {!info?.readOnly && (
            <Command.Item value="action new incident create" onSelect={run(() => setCreateOpen(true))}>
              New incident
            </Command.Item>
          )}
          {canAcknowledge && selected && (
            <Command.Item
              value={`action acknowledge selected ${selected.id}`}
              onSelect={run(() => {
                void client
                  .call('incidents.command', { id: selected.id, command: { type: 'transition', to: 'acknowledged' } })
                  .then((r) => {
                    useWorkspace.getState().upsert([r]);
                    announce(`${r.id} acknowledged`);
                  })
                  .catch((err: unknown) => announce(err instanceof Error ? err.message : String(err)));
              })}
            >
              Acknowledge {selected.id}
            </Command.Item>
          )}
          {selected && !info?.readOnly && (
            <Command.Item value="action add timeline entry note log" onSelect={run(focusQuickEntry)}>
              Add a timeline entry to {selected.id}
            </Command.Item>
          )}
          {!info?.readOnly && (
            <Command.Item value="action toggle utc time zone" onSelect={run(() => void toggleUtc().catch(() => undefined))}>
              {utc ? 'Show local times' : 'Show UTC everywhere'}
            </Command.Item>
          )}
          <Command.Item value="action filter mine my incidents" onSelect={run(() => setFilters({ mine: !mine }))}>
            {mine ? 'Show all incidents' : 'Show only my incidents'}
          </Command.Item>
          <Command.Item
            value="action open wall board"
            onSelect={run(() => {
              window.location.hash = '#/wall';
            })}
          >
            Open wall board
          </Command.Item>
        </Command.Group>
        <Command.Group heading="Incidents" className="console-cmdk-group">
          {sorted.map((i) => (
            <Command.Item key={i.id} value={`${i.id} ${i.title}`} keywords={[...i.services, ...i.tags, i.category]} onSelect={run(() => select(i.id))}>
              <PriorityBadge priority={i.priority} />
              <span className="console-cmdk-id">{i.id}</span>
              <span className="console-cmdk-title">{i.title}</span>
            </Command.Item>
          ))}
        </Command.Group>
      </Command.List>
    </Command>
  );
}
