// The desk's workspace: how much it holds, and the first-run choice (demo or empty). Plain Node.
// The choice is a fact in the audit log ("who did what, when"), so it survives restarts and IT can see it.
import { eq } from 'drizzle-orm';
import type { AppDatabase } from '../../../db/database.js';
import { appendAudit } from '../../../db/repositories/audit.js';
import { auditLog } from '../../../db/schema/index.js';
import type { WorkspaceStatus } from '../../shared/ipc/workspace.js';
import { currentAgentId } from '../agent/agentIdentity.js';
import { seedDemoDesk } from '../customers/demoWorkspace.js';
import type { CustomerService } from '../customers/customerService.js';
import type { CountryCode } from '../phone/index.js';
import { demoScriptsFolder } from '../scripts/demoScripts.js';
import type { SettingsService } from '../settings/settingsService.js';

const firstRunAction = 'workspace.firstRunChoice';

export interface WorkspaceServiceDeps {
  database: AppDatabase;
  customers: CustomerService;
  settings: SettingsService;
  migrationsFolder: string;
  now(): number;
}

export class WorkspaceService {
  constructor(private readonly deps: WorkspaceServiceDeps) {}

  status(): WorkspaceStatus {
    const { sqlite } = this.deps.database;
    const customers = sqlite.prepare('SELECT count(*) FROM customers').pluck().get() as number;
    const catalogueItems = sqlite.prepare('SELECT count(*) FROM catalogue_items').pluck().get() as number;
    const chosen = this.deps.database.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(eq(auditLog.action, firstRunAction))
      .limit(1)
      .all();
    const offer = this.deps.settings.get('ui.offerDemoWorkspace') === true;
    return { customers, catalogueItems, firstRun: offer && customers === 0 && chosen.length === 0 };
  }

  async seedDemo(): Promise<{ status: WorkspaceStatus; customersCreated: number; scriptsImported: number }> {
    const { settings } = this.deps;
    const summary = await seedDemoDesk(this.deps.customers, {
      folder: demoScriptsFolder(this.deps.migrationsFolder),
      dispositions: settings.get('workflow.dispositions'),
      defaultCountry: settings.get('phone.defaultCountry') as CountryCode,
    });
    this.remember('demo');
    return { status: this.status(), customersCreated: summary.created.customers, scriptsImported: summary.scripts.imported };
  }

  startEmpty(): WorkspaceStatus {
    this.remember('empty');
    return this.status();
  }

  private remember(choice: 'demo' | 'empty'): void {
    appendAudit(
      this.deps.database.db,
      { actor: currentAgentId(this.deps.settings), action: firstRunAction, details: { choice } },
      this.deps.now(),
    );
  }
}
