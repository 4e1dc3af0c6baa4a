/**
 * Alert intake settings, one lowdb document per machine: `<data dir>/alert-intake.json`.
 *
 * - `rules` (dedup window, per-source severity → impact/urgency mapping, auto-create severities,
 *   aliases, category, tags): organisation settings by nature. The event union has no settings
 *   event yet, so they are kept here, per machine, for now: configure them alike on each PC that
 *   runs a receiver (auto-create only happens on the PC that receives the alert, and is guarded
 *   by a deterministic event id across PCs; see intake.ts).
 * - `receiver` (on/off, bind address, port, body limit) and per-source `machine` settings
 *   (authentication, secret, rate limit, watch folder): per machine, never on a shared folder.
 *   Secrets never leave this file except when generated or rotated (returned once).
 */
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AlertIntakeSettingsSchema, type AlertIntakeSettings, type AlertSourceSettings } from '../../../shared/alerts/triage';
import {
  AlertSettingsUpdateSchema,
  ReceiverSettingsSchema,
  SECRET_MIN,
  SourceMachineSettingsSchema,
  type AlertSettingsUpdate,
  type AlertSettingsView,
  type ReceiverSettings,
  type SourceMachineSettings,
} from '../../../shared/contract/alerts-api';
import { ApiError } from '../../../shared/contract/api';

export const INTAKE_SETTINGS_FILE = 'alert-intake.json';

export interface SourceSecretSettings extends SourceMachineSettings {
  secret: string;
}

interface IntakeDoc {
  version: 1;
  rules: AlertIntakeSettings;
  receiver: ReceiverSettings;
  machine: Record<string, SourceSecretSettings>;
}

/** A source with everything the receiver needs. */
export type ResolvedSource = AlertSourceSettings & SourceSecretSettings;

/** A new random secret: 32 characters (valid as a PagerDuty routing key too). */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

function emptyDoc(): IntakeDoc {
  return { version: 1, rules: AlertIntakeSettingsSchema.parse({}), receiver: ReceiverSettingsSchema.parse({}), machine: {} };
}

export class IntakeSettingsStore {
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly db: Low<IntakeDoc>,
    readonly file: string,
  ) {}

  static async open(dataDir: string): Promise<IntakeSettingsStore> {
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, INTAKE_SETTINGS_FILE);
    const created = !existsSync(file);
    // Not JSONFilePreset: it skips writes when NODE_ENV=test.
    const db = new Low<IntakeDoc>(new JSONFile(file), emptyDoc());
    await db.read();
    const raw = db.data as Partial<IntakeDoc>;
    // Written by an older version, or edited by hand: keep what still parses, default the rest.
    const rules = AlertIntakeSettingsSchema.safeParse(raw.rules ?? {});
    const receiver = ReceiverSettingsSchema.safeParse(raw.receiver ?? {});
    const machine: Record<string, SourceSecretSettings> = {};
    for (const [id, m] of Object.entries(raw.machine ?? {})) {
      const parsed = SourceMachineSettingsSchema.safeParse(m);
      const secret = (m as { secret?: unknown } | null)?.secret;
      if (parsed.success && typeof secret === 'string') machine[id] = { ...parsed.data, secret };
    }
    db.data = { version: 1, rules: rules.success ? rules.data : emptyDoc().rules, receiver: receiver.success ? receiver.data : emptyDoc().receiver, machine };
    const store = new IntakeSettingsStore(db, file);
    if (created) await store.write();
    return store;
  }

  get rules(): AlertIntakeSettings {
    return this.db.data.rules;
  }

  get receiver(): ReceiverSettings {
    return this.db.data.receiver;
  }

  /** A configured source with its machine settings, or undefined. */
  source(id: string): ResolvedSource | undefined {
    const rules = this.db.data.rules.sources.find((s) => s.id === id);
    const machine = Object.hasOwn(this.db.data.machine, id) ? this.db.data.machine[id] : undefined;
    return rules && machine ? { ...rules, ...machine } : undefined;
  }

  sources(): ResolvedSource[] {
    return this.db.data.rules.sources.map((s) => this.source(s.id)).filter((s): s is ResolvedSource => s !== undefined);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  view(): AlertSettingsView {
    const { rules, receiver } = this.db.data;
    return {
      dedupWindowMinutes: rules.dedupWindowMinutes,
      defaults: rules.defaults,
      receiver,
      sources: rules.sources.map((s) => {
        const m = this.db.data.machine[s.id] ?? { ...SourceMachineSettingsSchema.parse({}), secret: '' };
        const { secret, ...machine } = m;
        return { ...s, ...machine, secretSet: secret.length > 0, secretHint: secret ? `…${secret.slice(-4)}` : '', path: `/alerts/${s.id}` };
      }),
      storage: { file: this.file, rules: 'machine' },
    };
  }

  /** Applies an update; returns the secrets it generated (new sources without one). */
  async update(input: AlertSettingsUpdate): Promise<{ generatedSecrets: Record<string, string> }> {
    const patch = AlertSettingsUpdateSchema.parse(input);
    const doc = this.db.data;
    const generatedSecrets: Record<string, string> = {};
    let rules = doc.rules;
    let machine = doc.machine;
    if (patch.sources) {
      machine = {};
      const sources: AlertSourceSettings[] = [];
      for (const s of patch.sources) {
        const { auth, signatureHeader, rateLimit, watchFolder, secret: given, ...org } = s;
        const previous = Object.hasOwn(doc.machine, s.id) ? doc.machine[s.id] : undefined;
        let secret = given ?? previous?.secret ?? '';
        if (!secret) {
          secret = newSecret();
          generatedSecrets[s.id] = secret;
        }
        checkSecret(s.id, auth, secret);
        machine[s.id] = { auth, signatureHeader, rateLimit, watchFolder, secret };
        sources.push(org);
      }
      rules = { ...rules, sources };
    }
    if (patch.dedupWindowMinutes !== undefined) rules = { ...rules, dedupWindowMinutes: patch.dedupWindowMinutes };
    if (patch.defaults) rules = { ...rules, defaults: patch.defaults };
    const receiver = patch.receiver ? ReceiverSettingsSchema.parse({ ...doc.receiver, ...patch.receiver }) : doc.receiver;
    this.db.data = { version: 1, rules: AlertIntakeSettingsSchema.parse(rules), receiver, machine };
    await this.write();
    for (const l of this.listeners) l();
    return { generatedSecrets };
  }

  /** Replaces a source's secret with a new random one and returns it. */
  async rotateSecret(id: string): Promise<string> {
    const m = Object.hasOwn(this.db.data.machine, id) ? this.db.data.machine[id] : undefined;
    if (!m || !this.db.data.rules.sources.some((s) => s.id === id)) throw new ApiError({ code: 'not_found', message: `No alert source "${id}"`, field: 'source' });
    const secret = newSecret();
    this.db.data = { ...this.db.data, machine: { ...this.db.data.machine, [id]: { ...m, secret } } };
    await this.write();
    for (const l of this.listeners) l();
    return secret;
  }

  private async write(): Promise<void> {
    await this.db.write();
    // Secrets: readable by this user only (no effect on Windows).
    await chmod(this.file, 0o600).catch(() => undefined);
  }
}

function checkSecret(id: string, auth: SourceMachineSettings['auth'], secret: string): void {
  const at = (field: string, message: string) => new ApiError({ code: 'invalid_input', message: `Source "${id}": ${message}`, field });
  if (auth === 'routing-key' && secret.length !== 32) throw at('sources.secret', 'a routing-key secret has exactly 32 characters (a PagerDuty integration key)');
  if (secret.length < SECRET_MIN) throw at('sources.secret', `a secret has at least ${SECRET_MIN} characters`);
}
