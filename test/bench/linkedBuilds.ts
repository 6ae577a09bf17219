/**
 * What watching five links costs and how fast a build started elsewhere shows: the real NewBuildPoller
 * and BuildWatcher (with its live log tail), wired as BuildStore wires them, against the emulator's
 * shop project on a simulated clock. "CI" is a second client that starts builds through the API.
 * Prints {"watch_requests_hour_5_links", "idle_requests_unfocused", "notice_new_build_s", "notice_new_build_max_s"} as JSON.
 * Run: npm run compile-tests && node out/test/bench/linkedBuilds.js [--verbose] [--timings (other poller timings, for comparison)]
 */
import type { BuildableRef } from '../../src/northflank/types';
import type { Visibility } from '../../src/watch/buildWatcher';
import { DEFAULT_POLLER_TIMING, type PollerTiming } from '../../src/watch/newBuildPoller';
import { type Samples, samples } from './samples';
import { API, clockTime, countByKind, linkName, MINUTE, type RequestKind, SHOP_LINKS, ShopRig } from './shopRig';

/** From this minute on, until the next change. */
export interface AttentionChange extends Visibility {
  atMin: number;
}

/** The Builds view open in a focused window for 20 minutes, then 40 minutes in another window. */
export const WORKING_HOUR: AttentionChange[] = [
  { atMin: 0, focused: true, viewVisible: true },
  { atMin: 20, focused: false, viewVisible: true },
];
export const FOCUSED_HOUR: AttentionChange[] = [{ atMin: 0, focused: true, viewVisible: true }];
/** CI starts this build at this minute of the hour. */
const HOUR_BUILD = { atMin: 2, ref: API };

export interface HourResult {
  /** The extension's requests over the hour, tail openings included. */
  requests: number;
  /** The extension's requests from the end of the last attentive stretch to the end of the hour. */
  unfocusedRequests: number;
  byKind: Partial<Record<RequestKind, number>>;
  noticedAfterS: number;
  concludedAtMin: number;
  log: string[];
}

/**
 * One simulated hour with five links: the view opens at minute 0 (its first load, and the poller
 * starts), CI starts a 5-minute build at minute 2, and attention changes as `attention` says.
 */
export async function runHour(attention: AttentionChange[], pollerTiming?: Partial<PollerTiming>): Promise<HourResult> {
  const lastAttentive = Math.max(0, ...attention.map((change, index) => (change.focused && change.viewVisible ? (attention[index + 1]?.atMin ?? 60) : 0)));
  const rig = await ShopRig.start(pollerTiming);
  try {
    let build: { id: string; at: number } | undefined;
    let unfocusedFrom: number | undefined;
    const events = [
      ...attention.slice(1).map((change) => ({ atMin: change.atMin, run: async () => rig.store.setVisibility(change) })),
      { atMin: HOUR_BUILD.atMin, run: async () => void (build = await rig.startElsewhere(HOUR_BUILD.ref)) },
      { atMin: lastAttentive, run: async () => void (unfocusedFrom = rig.emulator.requests.length) },
    ].sort((a, b) => a.atMin - b.atMin);
    // The view opening: its visibility changes, then its tree asks for the first page of every link.
    rig.store.setVisibility(attention[0]);
    rig.store.refresh();
    for (const event of events) {
      await rig.advanceTo(event.atMin);
      await event.run();
    }
    await rig.advanceTo(60);
    const noticedAt = build && rig.noticedAt(build.id);
    const concluded = rig.store.concluded.find((conclusion) => conclusion.build.id === build?.id);
    if (!build || noticedAt === undefined || !concluded) throw new Error(`the build CI started was ${noticedAt !== undefined ? 'noticed but never seen to conclude' : 'never noticed'}`);
    const requests = rig.requests();
    return {
      requests: requests.length,
      unfocusedRequests: unfocusedFrom === undefined || lastAttentive >= 60 ? 0 : rig.requests(unfocusedFrom).length,
      byKind: countByKind(requests),
      noticedAfterS: round1((noticedAt - build.at) / 1000),
      concludedAtMin: round1((concluded.at - rig.start) / MINUTE),
      log: rig.log(),
    };
  } finally {
    await rig.stop();
  }
}

/** One session for each seed: a single session's median moved between 8 and 24 s with the seed. */
export const NOTICE_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const SESSION_MIN = 30;

/** Seven builds in a 30-minute session, one in each ~3.9-minute slot from minute 1, at a pseudo-random second of it, the links in turn. */
export function noticeSchedule(seed: number): Array<{ atS: number; ref: BuildableRef }> {
  const random = mulberry32(seed);
  const slotS = ((SESSION_MIN - 3) * 60) / 7;
  return Array.from({ length: 7 }, (_, index) => ({ atS: Math.round(60 + index * slotS + random() * slotS), ref: SHOP_LINKS[index % SHOP_LINKS.length] }));
}

export interface NoticeSession {
  seed: number;
  builds: Array<{ link: string; createdAt: string; noticedAfterS: number }>;
  /** The extension's requests over the 30 minutes. */
  requests: number;
  byKind: Partial<Record<RequestKind, number>>;
  log: string[];
}

/** The view visible in a focused window for 30 minutes while CI starts the builds of `noticeSchedule(seed)`. */
export async function runNoticeSession(seed: number, pollerTiming?: Partial<PollerTiming>): Promise<NoticeSession> {
  const rig = await ShopRig.start(pollerTiming);
  try {
    rig.store.setVisibility({ focused: true, viewVisible: true });
    rig.store.refresh();
    const created: Array<{ id: string; ref: BuildableRef; at: number }> = [];
    for (const { atS, ref } of noticeSchedule(seed)) {
      await rig.advanceTo(atS / 60);
      created.push(await rig.startElsewhere(ref));
    }
    await rig.advanceTo(SESSION_MIN);
    const requests = rig.requests();
    // A build started near the end may be noticed after the session; its wait still counts.
    while (created.some((build) => rig.noticedAt(build.id) === undefined) && rig.minute < SESSION_MIN + 10) await rig.advanceTo(rig.minute + 0.5);
    const builds = created.map((build) => {
      const at = rig.noticedAt(build.id);
      if (at === undefined) throw new Error(`seed ${seed}: the build CI started on ${linkName(build.ref)} at ${rig.time(build.at)} was never noticed`);
      return { link: linkName(build.ref), createdAt: rig.time(build.at), noticedAfterS: round1((at - build.at) / 1000) };
    });
    return { seed, builds, requests: requests.length, byKind: countByKind(requests), log: rig.log() };
  } finally {
    await rig.stop();
  }
}

export interface NoticeResult {
  /** Every build of every session. */
  wait: Samples;
  services: Samples;
  job: Samples;
  /** Each session's median, to show how much one session of seven says. */
  sessionMedians: number[];
  /** Per 30-minute session. */
  requests: Samples;
  sessions: NoticeSession[];
}

export async function runNoticeSessions(pollerTiming?: Partial<PollerTiming>): Promise<NoticeResult> {
  const sessions: NoticeSession[] = [];
  for (const seed of NOTICE_SEEDS) sessions.push(await runNoticeSession(seed, pollerTiming));
  const builds = sessions.flatMap((session) => session.builds);
  const waits = (filter: (link: string) => boolean) => samples(builds.filter((build) => filter(build.link)).map((build) => build.noticedAfterS));
  return {
    wait: waits(() => true),
    services: waits((link) => !link.includes('job')),
    job: waits((link) => link.includes('job')),
    sessionMedians: sessions.map((session) => samples(session.builds.map((build) => build.noticedAfterS)).median),
    requests: samples(sessions.map((session) => session.requests)),
    sessions,
  };
}

export interface SecondBuildResult {
  /** The first build, watched, concluded this long after the second was started. */
  firstConcludedAfterS: number;
  noticedAfterS: number;
  log: string[];
}

/**
 * CI starts api at 1:00 (noticed, then watched), and api again at 3:00 while the first still runs:
 * how long until the store has the second one. Attentive throughout.
 */
export async function runSecondBuildOnWatchedLink(pollerTiming?: Partial<PollerTiming>): Promise<SecondBuildResult> {
  const rig = await ShopRig.start(pollerTiming);
  try {
    rig.store.setVisibility({ focused: true, viewVisible: true });
    rig.store.refresh();
    await rig.advanceTo(1);
    const first = await rig.startElsewhere(API);
    await rig.advanceTo(3);
    const second = await rig.startElsewhere(API);
    const done = () => rig.noticedAt(second.id) !== undefined && rig.store.concluded.some((conclusion) => conclusion.build.id === first.id);
    while (!done() && rig.minute < 20) await rig.advanceTo(rig.minute + 0.5);
    const noticedAt = rig.noticedAt(second.id);
    const concluded = rig.store.concluded.find((conclusion) => conclusion.build.id === first.id);
    if (noticedAt === undefined || !concluded) throw new Error('the second build was never noticed, or the first never concluded');
    return { firstConcludedAfterS: round1((concluded.at - second.at) / 1000), noticedAfterS: round1((noticedAt - second.at) / 1000), log: rig.log() };
  } finally {
    await rig.stop();
  }
}

/** Poller timings to weigh against the shipped ones, passed through its `timing` option. */
export const POLLER_TIMINGS: Array<{ name: string; timing: Partial<PollerTiming> }> = [
  { name: 'shipped', timing: {} },
  { name: 'cap 20 s', timing: { attentiveMaxMs: 20_000 } },
  { name: 'cap 20 s, jobs every round', timing: { attentiveMaxMs: 20_000, jobEvery: 1 } },
  { name: 'every 10 s, jobs every round', timing: { attentiveMaxMs: 10_000, jobEvery: 1 } },
];

export interface TimingComparison {
  name: string;
  timing: PollerTiming;
  working_hour_requests: number;
  focused_hour_requests: number;
  notice_median_s: number;
  notice_max_s: number;
  notice_job_max_s: number;
  notice_session_requests: number;
}

export async function compareTimings(): Promise<TimingComparison[]> {
  const rows: TimingComparison[] = [];
  for (const { name, timing } of POLLER_TIMINGS) {
    const notice = await runNoticeSessions(timing);
    rows.push({
      name,
      timing: { ...DEFAULT_POLLER_TIMING, ...timing },
      working_hour_requests: (await runHour(WORKING_HOUR, timing)).requests,
      focused_hour_requests: (await runHour(FOCUSED_HOUR, timing)).requests,
      notice_median_s: notice.wait.median,
      notice_max_s: notice.wait.max,
      notice_job_max_s: notice.job.max,
      notice_session_requests: notice.requests.median,
    });
  }
  return rows;
}

export interface LinkedBuildsResult {
  watch_requests_hour_5_links: number;
  idle_requests_unfocused: number;
  notice_new_build_s: number;
  notice_new_build_max_s: number;
  detail: { workingHour: HourResult; focusedHour: HourResult; notice: NoticeResult; secondBuild: SecondBuildResult };
}

export async function runLinkedBuildsBench(): Promise<LinkedBuildsResult> {
  const workingHour = await runHour(WORKING_HOUR);
  const focusedHour = await runHour(FOCUSED_HOUR);
  const notice = await runNoticeSessions();
  const secondBuild = await runSecondBuildOnWatchedLink();
  return {
    watch_requests_hour_5_links: workingHour.requests,
    idle_requests_unfocused: workingHour.unfocusedRequests,
    notice_new_build_s: notice.wait.median,
    notice_new_build_max_s: notice.wait.max,
    detail: { workingHour, focusedHour, notice, secondBuild },
  };
}

/** The scenarios in words, for the bench's output. */
export function describeScenarios(): string[] {
  const attention = (changes: AttentionChange[]) =>
    changes
      .map((change, index) => `${change.atMin}–${changes[index + 1]?.atMin ?? 60} min ${change.focused ? 'this window focused' : 'another window focused'}, Builds view ${change.viewVisible ? 'open' : 'hidden'}`)
      .join('; ');
  const schedule = noticeSchedule(NOTICE_SEEDS[0]).map(({ atS, ref }) => `${linkName(ref)} ${clockTime(atS * 1000)}`);
  return [
    `links: ${SHOP_LINKS.map(linkName).join(', ')} (emulator project shop); every build takes 5 minutes; CI is a second API client`,
    `working hour: ${attention(WORKING_HOUR)}; the view's first load at 0:00, CI starts ${linkName(HOUR_BUILD.ref)} at ${HOUR_BUILD.atMin}:00; unfocused requests are those of 20–60 min`,
    `focused hour: ${attention(FOCUSED_HOUR)}; the same build`,
    `notice: ${NOTICE_SEEDS.length} sessions of ${SESSION_MIN} min, view open in a focused window, 7 CI builds each at fixed pseudo-random times (seeds ${NOTICE_SEEDS[0]}–${NOTICE_SEEDS[NOTICE_SEEDS.length - 1]}; seed 1: ${schedule.join(', ')}); median and max over all ${NOTICE_SEEDS.length * 7}`,
    'second build: CI starts api at 1:00 and again at 3:00, while the first is watched; attentive',
  ];
}

/** The figures beyond the goals, one line each. */
export function summarize(result: LinkedBuildsResult): string[] {
  const { workingHour, focusedHour, notice, secondBuild } = result.detail;
  const kinds = (byKind: Partial<Record<RequestKind, number>>) => Object.entries(byKind).map(([kind, count]) => `${kind} ${count}`).join(', ');
  return [
    `working hour: ${workingHour.requests} requests (${kinds(workingHour.byKind)}); ${workingHour.unfocusedRequests} in 20–60 min; the build noticed after ${workingHour.noticedAfterS} s, concluded at ${workingHour.concludedAtMin} min`,
    `focused hour: ${focusedHour.requests} requests (${kinds(focusedHour.byKind)})`,
    `notice: median ${notice.wait.median} s, max ${notice.wait.max} s over ${notice.wait.n} builds; services median ${notice.services.median} s, max ${notice.services.max} s; the job median ${notice.job.median} s, max ${notice.job.max} s; one session's median ${Math.min(...notice.sessionMedians)}–${Math.max(...notice.sessionMedians)} s; ${notice.requests.median} requests per 30-minute session (${notice.requests.min}–${notice.requests.max})`,
    `second build on a watched link: noticed after ${secondBuild.noticedAfterS} s (the first concluded ${secondBuild.firstConcludedAfterS} s after it was started)`,
  ];
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A small seeded generator, so the build times are pseudo-random yet the same in every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

if (require.main === module) {
  (async () => {
    for (const line of describeScenarios()) console.error(line);
    const result = await runLinkedBuildsBench();
    if (process.argv.includes('--verbose')) console.error(JSON.stringify(result.detail, null, 2));
    for (const line of summarize(result)) console.error(line);
    if (process.argv.includes('--timings')) console.error(JSON.stringify(await compareTimings(), null, 2));
    const { watch_requests_hour_5_links, idle_requests_unfocused, notice_new_build_s, notice_new_build_max_s } = result;
    console.log(JSON.stringify({ watch_requests_hour_5_links, idle_requests_unfocused, notice_new_build_s, notice_new_build_max_s }));
  })().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
