import type { Faker } from '@faker-js/faker';
import type { Actor, SessionEvent } from './detail-types.js';
import type { DetailContext } from './detail.js';
import { downloadUrls } from './urls.js';
import type { Rng } from './rng.js';
import type { SessionCore } from './sessions.js';

interface WorkInput {
  events: SessionEvent[];
  rng: Rng;
  f: Faker;
  core: SessionCore;
  joinAt: number;
  closeAt: number;
  customer: Actor;
  rep: Actor;
  ctx: DetailContext;
}

/**
 * What a representative does once joined: file transfers, file-system and registry changes,
 * shells, recordings, notes. Counts in the session element are derived from these events.
 */
export function addEventsOfWork(w: WorkInput): void {
  const { events, rng, f, core, customer, rep } = w;
  const span = Math.max(1, w.closeAt - w.joinAt);
  const at = () => w.joinAt + rng.int(1, span);
  const path = () => `C:\\Users\\${customer.name.split(' ')[0]}\\${f.system.commonFileName()}`;

  if (rng.chance(0.5)) {
    events.push({
      timestamp: w.joinAt + 2,
      eventType: 'System Information Retrieved',
      performedBy: rep,
      systemInformation: [
        {
          name: 'Overview',
          columns: ['Name', 'Value'],
          rows: [
            ['Computer Name', `PC-${rng.hex(6).toUpperCase()}`],
            ['Logged In User', customer.name],
            ['Uptime', `${rng.int(1, 40)} days`],
          ],
        },
        {
          name: 'Drives',
          columns: ['Drive', 'Free', 'Total'],
          rows: [['C:', `${rng.int(5, 200)} GB`, '256 GB']],
        },
      ],
    });
  }

  for (
    let i = rng.weighted<number>([
      [0, 55],
      [1, 25],
      [2, 12],
      [4, 8],
    ]);
    i > 0;
    i--
  ) {
    const upload = rng.chance(0.5);
    const event: SessionEvent = {
      timestamp: at(),
      eventType: upload ? 'File Upload' : 'File Download',
      performedBy: upload ? rep : customer,
      destination: upload ? customer : rep,
      filename: f.system.fileName(),
      filesize: rng.int(1, 50_000_000),
    };
    events.push(event);
  }
  if (rng.chance(0.08)) {
    events.push({
      timestamp: at(),
      eventType: 'File Download Failed',
      filename: f.system.fileName(),
      data: [['failure_reason', 'The file could not be read']],
    });
  }
  for (
    let i = rng.weighted<number>([
      [0, 80],
      [1, 15],
      [3, 5],
    ]);
    i > 0;
    i--
  ) {
    events.push({
      timestamp: at(),
      eventType: 'File Moved',
      data: [
        ['old_path', path()],
        ['new_path', path()],
      ],
    });
  }
  for (
    let i = rng.weighted<number>([
      [0, 80],
      [1, 15],
      [2, 5],
    ]);
    i > 0;
    i--
  ) {
    events.push({ timestamp: at(), eventType: 'File Deleted', data: [['path', path()]] });
  }
  if (rng.chance(0.1))
    events.push({ timestamp: at(), eventType: 'Directory Created', data: [['path', path()]] });
  if (rng.chance(0.1)) {
    events.push({
      timestamp: at(),
      eventType: 'Files Shared',
      performedBy: rep,
      files: [
        { filename: f.system.fileName(), filesize: rng.int(1, 900_000) },
        { filename: f.system.fileName(), filesize: rng.int(1, 900_000) },
      ],
    });
  }

  for (let i = 0; i < core.shellCount; i++) {
    const urls = downloadUrls(w.ctx.siteOrigin, core.lsid, 'shell', i);
    events.push({
      timestamp: at(),
      eventType: 'Command Shell Session Started',
      performedBy: rep,
      data: [
        ['instance', String(i)],
        ['download_url', urls.download],
        ['view_url', urls.view],
      ],
    });
  }
  if (core.screenRecording) {
    events.push({
      timestamp: w.joinAt + 1,
      eventType: 'Screen Recording',
      data: [['status', 'started']],
    });
  }
  if (core.showMyScreenRecording) {
    events.push({
      timestamp: at(),
      eventType: 'Show My Screen Recording',
      performedBy: rep,
      data: [['status', 'started']],
    });
  }
  if (rng.chance(0.15)) {
    const key = `HKEY_LOCAL_MACHINE\\SOFTWARE\\${f.company.name().replace(/\W+/g, '')}`;
    events.push(
      {
        timestamp: at(),
        eventType: 'Registry Key Added',
        data: [
          ['key_path', `${key}\\Settings`],
          ['parent_path', key],
          ['key_name', 'Settings'],
        ],
      },
      {
        timestamp: at(),
        eventType: 'Registry Value Modified',
        data: [
          ['value_data_old', '0'],
          ['value_data_new', '1'],
          ['value_type', 'REG_DWORD'],
          ['value_name', 'Enabled'],
          ['key_path', `${key}\\Settings`],
        ],
      },
    );
  }
  if (rng.chance(0.2)) {
    events.push({
      timestamp: at(),
      eventType: 'Session Foreground Window Changed',
      data: [
        ['exeName', 'outlook.exe'],
        ['windowName', 'Inbox - Outlook'],
      ],
    });
  }
  if (rng.chance(0.1)) {
    events.push({
      timestamp: at(),
      eventType: 'Service Access Allowed',
      data: [
        ['granted_to', rep.name],
        ['level', 'full'],
        ['service', 'Spooler'],
      ],
    });
  }
  if (rng.chance(0.25)) {
    events.push({
      timestamp: at(),
      eventType: 'Session Note Added',
      performedBy: rep,
      body: f.lorem.sentence(),
    });
  }
  if (rng.chance(0.05)) {
    events.push({
      timestamp: at(),
      eventType: 'Screenshot Captured',
      performedBy: rep,
      filename: `screenshot-${rng.int(1, 99)}.png`,
    });
  }
}
