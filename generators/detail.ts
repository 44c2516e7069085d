import type { Faker } from '@faker-js/faker';
import type { Actor, ExitSurvey, RepEntry, SessionDetail, SessionEvent } from './detail-types.js';
import { seededFaker } from './people.js';
import { sessionParticipants } from './participants.js';
import type { Rng } from './rng.js';
import { endAt, recordingExpired, type DetailOverride, type SessionCore } from './sessions.js';
import { CATEGORIES, CUSTOMER_SURVEY, RATINGS, REP_SURVEY, TOPICS } from './surveys.js';
import { downloadUrls } from './urls.js';
import { addEventsOfWork } from './work-events.js';
import { customerById, jumpGroupOf, repById, siteById, teamById, type World } from './world.js';

export interface DetailContext {
  now: number;
  settleSeconds: number;
  /** Origin the appliance's download URLs point at, e.g. `https://support.example.com`. */
  siteOrigin: string;
}

function chatText(f: Faker, rng: Rng): string {
  return rng.weighted<() => string>([
    [() => f.lorem.sentence(), 40],
    [() => f.hacker.phrase(), 25],
    [() => `Please open ${f.system.fileName()} & check <Settings>`, 8],
    [() => `Merci, ça marche — ${f.person.firstName()} 👍`, 6],
    [() => `Line one\nline two: ${f.internet.url()}`, 6],
    [() => '   ', 3],
    [() => `Pasted from terminal: \u001b[0m${f.system.filePath()}\u0007`, 4],
    [() => f.lorem.paragraph(), 8],
  ])();
}

/** Characters XML 1.0 cannot carry; such text travels base64-encoded (spec §1.5). */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function chatEvent(
  timestamp: number,
  from: Actor,
  to: Actor | undefined,
  text: string,
): SessionEvent {
  const event: SessionEvent = { timestamp, eventType: 'Chat Message', performedBy: from };
  if (to) event.destination = to;
  if (XML_FORBIDDEN.test(text)) event.encodedBody = Buffer.from(text, 'utf8').toString('base64');
  else event.body = text;
  return event;
}

function surveyFor(
  kind: 'customer' | 'rep',
  at: number,
  by: Actor,
  f: Faker,
  rng: Rng,
): ExitSurvey {
  const questions = kind === 'customer' ? CUSTOMER_SURVEY : REP_SURVEY;
  const answers = questions.map((question) => {
    switch (question.name) {
      case 'rating':
        return { question, answers: [rng.pick(RATINGS)] };
      case 'resolved':
      case 'follow_up':
        return { question, answers: [rng.pick(['Yes', 'No'])] };
      case 'topics':
        return { question, answers: rng.sample(TOPICS, rng.int(0, 2)) };
      case 'category':
        return { question, answers: [rng.pick(CATEGORIES)] };
      default: {
        // Free text as real answers come: sometimes empty, sometimes with a literal backslash-n.
        const text = rng.weighted<string>([
          ['', 25],
          [f.lorem.sentence(), 40],
          [`${f.lorem.sentence()}\\n${f.lorem.sentence()}`, 20],
          [`Très bien, merci ! “${f.person.firstName()}” était super.`, 10],
          [`<b>${f.lorem.words(3)}</b> & more`, 5],
        ]);
        return { question, answers: [text] };
      }
    }
  });
  return { kind, timestamp: at, submittedBy: by, answers };
}

/**
 * The full detail of a session as the appliance would report it at `ctx.now`: a pure function
 * of the world, the session's core facts and the clock.
 */
export function sessionDetail(world: World, core: SessionCore, ctx: DetailContext): SessionDetail {
  const firstCustomer = customerById(world, core.customerIds[0]!);
  const f = seededFaker(firstCustomer.locale, core.detailSeed);
  const end = endAt(core, ctx.now, ctx.settleSeconds);
  const closeAt = core.plannedEnd;

  const participants = sessionParticipants(world, core);
  const { rng, primary, members } = participants;
  const system = (name: string): Actor => ({ type: 'system', gsnumber: 0, name });
  const customers = participants.customers.map((c) => c.entry);
  const primaryCustomer: Actor = {
    type: 'customer',
    gsnumber: customers[0]!.gsnumber,
    name: customers[0]!.name,
  };

  const events: SessionEvent[] = [
    { timestamp: core.start, eventType: 'Session Start' },
    {
      timestamp: core.start,
      eventType: 'Conference Owner Changed',
      destination: system('Pre-start Conference'),
      data: [['owner', 'Pre-start Conference']],
    },
  ];
  for (const { entry: c, join } of participants.customers) {
    const data: [string, string][] = [
      ['public_name', c.name],
      ['username', c.username],
    ];
    if (c.privateIp) data.push(['private_ip', c.privateIp]);
    if (c.publicIp) data.push(['public_ip', c.publicIp]);
    if (c.hostname) data.push(['hostname', c.hostname]);
    if (c.os) data.push(['os', c.os]);
    events.push({
      timestamp: join,
      eventType: 'Conference Member Added',
      performedBy: { type: 'customer', gsnumber: c.gsnumber, name: c.name },
      data,
    });
  }
  if (core.externalKey) {
    events.push({
      timestamp: core.start + 1,
      eventType: 'External Key',
      data: [['external_key', core.externalKey]],
    });
  }

  const reps: RepEntry[] = [];
  const pra = world.product === 'pra';
  const length = closeAt - core.start;
  const primaryRepActor: Actor | undefined = primary?.actor;
  const joinAt = primary ? primary.join : closeAt;
  if (primary) {
    const entry = primary.entry;
    reps.push(entry);
    const customer = customers[0]!;
    // Nobody assigns a PRA session: the user who jumped owns it from the start.
    if (!pra) {
      events.push({ timestamp: joinAt, eventType: 'Session Assigned', destination: primary.actor });
    }
    events.push(
      {
        timestamp: joinAt,
        eventType: 'Conference Member Added',
        performedBy: primary.actor,
        data: repJoinData(world, entry.id, entry),
      },
      {
        timestamp: joinAt,
        eventType: 'Conference Owner Changed',
        destination: primary.actor,
        data: [['owner', entry.displayName]],
      },
      {
        timestamp: joinAt + 1,
        eventType: 'Conference Member State Changed',
        performedBy: primaryCustomer,
        data: [
          ['state', 'connected'],
          ['os', customer.os ?? 'Unknown'],
          ['private_ip', customer.privateIp ?? 'Unknown'],
          ['public_ip', customer.publicIp ?? 'Unknown'],
        ],
      },
    );
    entry.secondsInvolved = Math.max(0, Math.min(closeAt, ctx.now) - joinAt);
    for (const m of members) {
      m.entry.secondsInvolved = Math.max(0, Math.min(m.leave, ctx.now) - m.join);
      reps.push(m.entry);
      events.push(
        {
          timestamp: m.join,
          eventType: 'Conference Member Added',
          performedBy: m.actor,
          data: repJoinData(world, m.entry.id, m.entry),
        },
        { timestamp: m.leave, eventType: 'Conference Member Departed', performedBy: m.actor },
      );
    }
    if (core.vaultAccountId !== undefined) {
      events.push(credentialInjection(world, core, joinAt + 2, primary.actor));
    }
    addEventsOfWork({
      events,
      rng,
      f,
      core,
      joinAt,
      closeAt,
      customer: primaryCustomer,
      rep: primary.actor,
      ctx,
    });
  } else {
    const at = core.start + rng.int(5, Math.max(6, length - 1));
    events.push(chatEvent(at, primaryCustomer, undefined, chatText(f, rng)));
  }

  // A chat line from the system actor: clients must filter on @type, not on a brand name.
  if (!pra && rng.chance(0.3)) {
    events.push(
      chatEvent(
        core.start + 2,
        system('BeyondTrust'),
        primaryCustomer,
        'Thank you for waiting. A representative will be with you shortly.',
      ),
    );
  }
  // In PRA the endpoint has nobody to chat with: chat is between the users in the session.
  const chatPartner = pra ? members[0]?.actor : primaryCustomer;
  for (let i = rng.int(0, 8); i > 0 && primaryRepActor && chatPartner; i--) {
    const fromCustomer = rng.chance(0.5);
    const from = fromCustomer ? chatPartner : primaryRepActor;
    const to = fromCustomer ? primaryRepActor : chatPartner;
    events.push(
      chatEvent(joinAt + rng.int(1, Math.max(2, closeAt - joinAt - 1)), from, to, chatText(f, rng)),
    );
  }

  const surveys: ExitSurvey[] = [];
  if (core.custSurvey) surveys.push(surveyFor('customer', closeAt, primaryCustomer, f, rng));
  if (core.repSurvey && primaryRepActor)
    surveys.push(surveyFor('rep', closeAt, primaryRepActor, f, rng));
  for (const s of surveys) {
    events.push({
      timestamp: closeAt,
      eventType: s.kind === 'customer' ? 'Customer Exit Survey' : 'Representative Exit Survey',
      performedBy: s.submittedBy,
      data: s.answers.map((a) => [a.question.name, a.answers.join(', ')] as [string, string]),
    });
  }
  events.push({ timestamp: closeAt, eventType: 'Session End' });

  // Chronological with a stable order inside a second; running sessions show only the past.
  const visible = events
    .map((e, i) => [e, i] as const)
    .filter(([e]) => end !== null || pastOf(e, ctx.now))
    .sort((a, b) => a[0].timestamp - b[0].timestamp || a[1] - b[1])
    .map(([e]) => e);

  const count = (type: string) => visible.filter((e) => e.eventType === type).length;
  const expired = recordingExpired(core, ctx.now);
  const detail: SessionDetail = {
    lsid: core.lsid,
    lseq: core.lseq,
    start: core.start,
    end,
    durationSeconds: (end ?? ctx.now) - core.start,
    site: siteById(world, core.siteId),
    externalKey: core.externalKey,
    customAttributes: customAttributes(rng, f),
    shellRecordings: [],
    fileTransferCount: count('File Upload') + count('File Download'),
    fileMoveCount: count('File Moved'),
    fileDeleteCount: count('File Deleted'),
    primaryCustomer: { name: primaryCustomer.name, gsnumber: primaryCustomer.gsnumber },
    customers,
    reps,
    events: visible,
    surveys: end === null ? [] : surveys,
  };
  if (core.jump) {
    const jp = world.jumpoints.find((j) => j.id === core.jump!.jumpointId);
    const jg = jumpGroupOf(world, core.jump.jumpGroupId, core.jump.jumpGroupType);
    if (jp) detail.jumpoint = { id: jp.id, name: jp.name };
    detail.jumpGroup = { id: jg.id, type: jg.type, name: jg.name };
  }
  if (primaryRepActor) {
    detail.primaryRep = {
      name: primaryRepActor.name,
      gsnumber: primaryRepActor.gsnumber,
      id: core.primaryRepId!,
    };
  }
  if (core.detailOverride) applyOverride(detail, core.detailOverride, end, ctx.now);
  if (end !== null) {
    detail.chatUrls = downloadUrls(ctx.siteOrigin, core.lsid, 'chat');
    if (core.screenRecording && !expired)
      detail.recordingUrls = downloadUrls(ctx.siteOrigin, core.lsid, 'srec');
    if (core.showMyScreenRecording && !expired)
      detail.showMyScreenUrls = downloadUrls(ctx.siteOrigin, core.lsid, 'smsrec');
    if (!expired) {
      for (let i = 0; i < core.shellCount; i++) {
        detail.shellRecordings.push({
          instance: i,
          ...downloadUrls(ctx.siteOrigin, core.lsid, 'shell', i),
        });
      }
    }
  }
  return detail;
}

/** The vault credential a PRA user injected (spec §11.4: Credential Injection Attempt). */
function credentialInjection(
  world: World,
  core: SessionCore,
  at: number,
  user: Actor,
): SessionEvent {
  const account = world.pra?.vaultAccounts.find((a) => a.id === core.vaultAccountId);
  if (!account) throw new RangeError(`the world has no vault account ${core.vaultAccountId}`);
  return {
    timestamp: at,
    eventType: 'Credential Injection Attempt',
    performedBy: user,
    data: [
      ['attempt_id', String(core.lseq * 10 + 1)],
      ['credential_id', String(account.id)],
      ['credential_name', account.name],
    ],
  };
}

function repJoinData(world: World, repId: number, entry: RepEntry): [string, string][] {
  const rep = repById(world, repId);
  const teams = rep.teamIds.map((id) => teamById(world, id).name).join(', ');
  const data: [string, string][] = [
    ['private_name', entry.privateDisplayName ?? entry.displayName],
    ['public_name', entry.publicDisplayName ?? entry.displayName],
    ['username', entry.username],
    ['private_ip', entry.privateIp ?? 'Unknown'],
    ['public_ip', entry.publicIp ?? 'Unknown'],
  ];
  if (entry.hostname) data.push(['hostname', entry.hostname]);
  data.push(['os', entry.os ?? 'Unknown'], ['support_teams', teams], ['user_id', String(repId)]);
  return data;
}

function customAttributes(rng: Rng, f: Faker): SessionDetail['customAttributes'] {
  if (!rng.chance(0.35)) return [];
  const attrs = [
    { codeName: 'asset_tag', displayName: 'Asset Tag', value: `AT-${rng.int(10000, 99999)}` },
    { codeName: 'department', displayName: 'Department', value: f.commerce.department() },
    { codeName: 'priority', displayName: 'Priority', value: rng.pick(['P1', 'P2', 'P3', '']) },
  ];
  return rng.sample(attrs, rng.int(1, attrs.length));
}

/**
 * Puts a fixture's pinned parts over the generated detail. Pinned events follow the same clock
 * rules as generated ones (a running session shows only its past, no end, no surveys), and the
 * file counts are recounted from the events the session ends up with.
 */
function applyOverride(
  detail: SessionDetail,
  override: DetailOverride,
  end: number | null,
  now: number,
): void {
  Object.assign(detail, override);
  if (override.events && end === null) {
    detail.events = override.events.filter((e) => pastOf(e, now));
  }
  if (override.surveys && end === null) detail.surveys = [];
  if (!override.events) return;
  const count = (type: string) => detail.events.filter((e) => e.eventType === type).length;
  detail.fileTransferCount = count('File Upload') + count('File Download');
  detail.fileMoveCount = count('File Moved');
  detail.fileDeleteCount = count('File Deleted');
}

/** Whether a running session already shows the event at `now`. */
function pastOf(e: SessionEvent, now: number): boolean {
  return (
    e.timestamp <= now && e.eventType !== 'Session End' && !e.eventType.endsWith('Exit Survey')
  );
}
