/**
 * The editor in Chromium, as a teacher meets it on a tablet.
 *
 * 1. Opening: a 1,000,000-character document is written once, stored in the browser (IndexedDB)
 *    and on the server; a new tab then opens it from the device's copy. Measured: the time from
 *    navigation to an editable editor holding the whole text, and the longest main-thread task
 *    (PerformanceObserver 'longtask') meanwhile. Targets: ≤ 1 s, no task over 200 ms.
 * 2. Typing: 200 keystrokes at a person's pace (one every 100 ms), each timed from the key
 *    event to the frame that shows it (the first task after the next animation frame), and the
 *    part of that the page was busy with it: the same less the time it only waited for the
 *    display's next frame, which at 60 Hz is anything from 0 to 16.7 ms whatever the page does.
 *    Typed alone in a one-line document (the baseline), alone in a 100 KB document, then in it
 *    while a colleague types a word every 150 ms at its top: first from a second browser on this
 *    machine, then from another device (a y-websocket client in this process, as a tablet
 *    across the room would be; the second browser takes this two-core machine's CPU from the
 *    page under test). Target: p95 ≤ 16 ms, judged on the busy part with the colleague on
 *    another device (each keystroke shown in the very next frame the display makes). Reported
 *    beside it: the browser's Event Timing of the same events (to the frame's presentation,
 *    ≥ 16 ms only).
 *
 *   npx vite build && npm run bench:editor
 *   npm run bench:editor -- --chars 1000000 --typing-chars 100000 --keys 200 --out /tmp/e.json
 *   npm run bench:editor -- --chars 20000 --runs 1 --key-gap 100   # typing at a person's pace
 *   npm run bench:editor -- --profile /tmp/typing.cpuprofile --trace /tmp/typing.json \
 *     --profile-alone /tmp/alone.cpuprofile --profile-device /tmp/device.cpuprofile \
 *     --profile-open /tmp/open.cpuprofile --trace-open /tmp/open.json
 *
 * Needs a build (the server serves BUILD_DIR, ./build by default). Prints JSON, then a summary;
 * exits 1 when a target is missed.
 */
import { writeFileSync } from 'node:fs';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/chromium.js';
import { acceptInvite, createInvite, createWorkspace, signUp } from '../e2e/fixtures/accounts.ts';
import { ServerProcess } from '../e2e/fixtures/server.ts';
import { remoteColleague } from './editor/remoteColleague.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const outAt = args.indexOf('--out');
const OUT = outAt >= 0 ? args[outAt + 1] : undefined;
const OPEN_CHARS = flag('chars', 1_000_000);
const TYPING_CHARS = flag('typing-chars', 100_000);
const KEYS = flag('keys', 200);
const OPEN_RUNS = flag('runs', 3);
/**
 * `--key-gap <ms>`: the pause after each keystroke, 100 by default (a fast typist, 10 keys a
 * second). `--key-gap 0` sends each key as soon as the page has taken the previous one (about
 * 100 a second), so several share a frame and each waits for the others' work.
 */
const KEY_GAP = flag('key-gap', 100);
/** `--profile <file>`: a CPU profile of the typing page (open it in Chromium's DevTools). */
const profileAt = args.indexOf('--profile');
const PROFILE = profileAt >= 0 ? args[profileAt + 1] : undefined;
/** `--trace <file>`: a Chromium trace of the typing page (layout and paint included). */
const traceAt = args.indexOf('--trace');
const TRACE = traceAt >= 0 ? args[traceAt + 1] : undefined;
/** `--trace-open <file>`, `--profile-open <file>`: the same of the first opening. */
const fileFlag = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const TRACE_OPEN = fileFlag('trace-open');
const PROFILE_OPEN = fileFlag('profile-open');
/** `--profile-alone <file>`: a CPU profile of typing in the 100 KB document before the colleague. */
const PROFILE_ALONE = fileFlag('profile-alone');
/** `--profile-device <file>`: the same with the colleague on another device. */
const PROFILE_DEVICE = fileFlag('profile-device');

const LIMITS = { openMs: 1000, longestTaskMs: 200, keyP95Ms: 16 };

/** Records long tasks from the first moment of every page of the context. */
const OBSERVE_LONG_TASKS = () => {
  const tasks: { start: number; duration: number }[] = [];
  (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
};

async function newDocument(page: Page, baseUrl: string): Promise<string> {
  await page.goto(baseUrl + '/');
  await page.getByTestId('create-document').click();
  await page.getByTestId('create-confirm').click();
  await page.waitForURL(/\/doc\?id=/);
  await page.locator('.ProseMirror').waitFor();
  return new URL(page.url()).searchParams.get('id')!;
}

/** Fills the open document with about `chars` characters of Russian prose, 100 KB per change. */
async function fill(page: Page, chars: number): Promise<number> {
  const SENTENCE =
    'Дети лепят из глины филимоновскую игрушку, сушат её три дня и расписывают узором. ';
  const perParagraph = 4;
  const paragraphText = SENTENCE.repeat(perParagraph);
  const paragraphs = Math.ceil(chars / paragraphText.length);
  const step = Math.max(1, Math.floor(100_000 / paragraphText.length));
  for (let done = 0; done < paragraphs; done += step) {
    await page.evaluate(
      ([text, count]) => {
        const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
        const content = Array.from({ length: count as number }, () => ({
          type: 'paragraph',
          content: [{ type: 'text', text }]
        }));
        el.editor.commands.insertContentAt(el.editor.state.doc.content.size, content);
      },
      [paragraphText, Math.min(step, paragraphs - done)] as const
    );
  }
  return page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    return el.editor.state.doc.textContent.length as number;
  });
}

/** Waits until the page's copy and the server hold every change. */
async function saved(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="sync-status"]');
      return (
        el?.getAttribute('data-saved-locally') === 'true' &&
        el.getAttribute('data-pending') === '0' &&
        el.getAttribute('data-connection') === 'online'
      );
    },
    null,
    { timeout: 600_000 }
  );
}

/** Opens the document in a new tab; resolves when the editor is editable with the whole text. */
async function open(context: BrowserContext, url: string, size: number, observe = false) {
  const page = await context.newPage();
  const cdp = observe && (TRACE_OPEN || PROFILE_OPEN) ? await context.newCDPSession(page) : null;
  if (cdp && TRACE_OPEN) await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES });
  if (cdp && PROFILE_OPEN) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  await page.goto(url, { waitUntil: 'commit' });
  // A string, not a function: tsx would wrap the named inner function in a helper the page lacks.
  const readyAt = (await page.evaluate(`new Promise((resolve) => {
    const look = () => {
      const el = document.querySelector('.ProseMirror');
      if (el && el.editor && el.getAttribute('contenteditable') === 'true' &&
          el.editor.state.doc.content.size >= ${size}) resolve(performance.now());
      else requestAnimationFrame(look);
    };
    look();
  })`)) as number;
  // Long tasks still queued are delivered after the next frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
  if (cdp && PROFILE_OPEN)
    writeFileSync(PROFILE_OPEN, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  if (cdp && TRACE_OPEN) writeFileSync(TRACE_OPEN, JSON.stringify(await endTrace(cdp)));
  const tasks = await page.evaluate(
    (until) =>
      (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
        .filter((t) => t.start <= until)
        .map((t) => Math.round(t.duration)),
    readyAt
  );
  // A keystroke right away lands in the text.
  await page.locator('.ProseMirror').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('ё');
  const typed = await page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    return (el.editor.state.doc.textContent as string).endsWith('ё');
  });
  await page.keyboard.press('Backspace');
  await page.close();
  return { readyMs: Math.round(readyAt), longTasksMs: tasks, typed };
}

/**
 * Times keystrokes from the input event to the frame that shows them, in the page. Alongside,
 * the browser's own measure of the same (the Event Timing API, as INP uses it): from the
 * `beforeinput` event to the presentation of the next frame, in steps of 8 ms, reported only for
 * events of 16 ms or more; and how many keystrokes shared their frame with others.
 */
const TIME_KEYS = () => {
  // Once per page: a second measure in the same page reuses it (typeTimed empties its lists).
  if ('__keyTimes' in window) return;
  const times: number[] = [];
  const busyTimes: number[] = [];
  const browserTimes: number[] = [];
  const page = window as unknown as {
    __keyTimes: number[];
    __busyTimes: number[];
    __eventTimes: number[];
    __sharedFrames: number;
  };
  page.__keyTimes = times;
  page.__busyTimes = busyTimes;
  page.__eventTimes = browserTimes;
  page.__sharedFrames = 0;
  type Key = { start: number; handled: number | null };
  let pending: Key[] = [];
  /** When the frame that shows the pending keys began: its animation-frame callbacks. */
  let frameStart = 0;
  const painted = new MessageChannel();
  painted.port1.onmessage = () => {
    const now = performance.now();
    for (const key of pending) {
      times.push(now - key.start);
      // Between the key's work and the frame, the page only waited for the display.
      const idle = key.handled === null ? 0 : Math.max(0, frameStart - key.handled);
      busyTimes.push(now - key.start - idle);
    }
    if (pending.length > 1) page.__sharedFrames += pending.length;
    pending = [];
  };
  // 'beforeinput' comes with every typed character (a letter a keyboard layout maps, or text an
  // on-screen keyboard inserts without a key event), in the same task as its keydown.
  document.addEventListener(
    'beforeinput',
    (event) => {
      const key: Key = { start: event.timeStamp, handled: null };
      pending.push(key);
      // ProseMirror reads the edit in a microtask of this task; the next task comes after it.
      const handled = new MessageChannel();
      handled.port1.onmessage = () => (key.handled = performance.now());
      handled.port2.postMessage(null);
      // The frame is painted after the animation-frame callbacks; the next task runs after it.
      requestAnimationFrame(() => {
        frameStart = performance.now();
        painted.port2.postMessage(null);
      });
    },
    true
  );
  // Playwright types a letter its keyboard layout lacks (all Cyrillic) as inserted text, with no
  // key events: 'beforeinput' is the one event every keystroke has.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'beforeinput') browserTimes.push(entry.duration);
  }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
};

const LINE = 'Итог занятия: дети расписали игрушки. ';

type KeyTimes = {
  times: number[];
  busyTimes: number[];
  eventTimes: number[];
  sharedFrames: number;
};

/** Types `count` characters at the end of the open document; their key-to-frame times. */
async function typeTimed(page: Page, count: number): Promise<KeyTimes> {
  await page.evaluate(TIME_KEYS);
  await page.locator('.ProseMirror').click();
  await page.keyboard.press('Control+End');
  await page.evaluate(() => {
    const timed = window as unknown as {
      __keyTimes: number[];
      __busyTimes: number[];
      __eventTimes: number[];
      __sharedFrames: number;
    };
    timed.__sharedFrames = 0;
    timed.__keyTimes.length = 0;
    timed.__busyTimes.length = 0;
    timed.__eventTimes.length = 0;
  });
  for (let i = 0; i < count; i++) {
    await page.keyboard.type(LINE[i % LINE.length]!, { delay: 0 });
    if (KEY_GAP > 0) await page.waitForTimeout(KEY_GAP);
  }
  // Event Timing entries are delivered after the frame is presented.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
  return page.evaluate(() => {
    const timed = window as unknown as {
      __keyTimes: number[];
      __busyTimes: number[];
      __eventTimes: number[];
      __sharedFrames: number;
    };
    return {
      times: timed.__keyTimes,
      busyTimes: timed.__busyTimes,
      eventTimes: timed.__eventTimes,
      sharedFrames: timed.__sharedFrames
    };
  });
}

const TRACE_CATEGORIES = 'devtools.timeline,disabled-by-default-devtools.timeline,blink';

/** `work`, with a CPU profile of the page written to `file` when one is asked for. */
async function profiled<T>(page: Page, file: string | undefined, work: () => Promise<T>) {
  if (!file) return work();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  await cdp.detach();
  return result;
}

/** Stops the trace and collects its events (they arrive in chunks). */
async function endTrace(cdp: CDPSession): Promise<unknown[]> {
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

function summary({ times, busyTimes, eventTimes, sharedFrames }: KeyTimes) {
  const round = (n: number) => Math.round(n * 10) / 10;
  // Keystrokes without an Event Timing entry took under 16 ms (counted as 0 here).
  const browser = [...eventTimes, ...Array(Math.max(0, times.length - eventTimes.length)).fill(0)];
  const under16 = (n: number) => (n < 16 ? '<16' : round(n));
  return {
    count: times.length,
    medianMs: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    maxMs: round(Math.max(...times)),
    /** The same less the wait for the display's next frame: what the target is judged on. */
    busy: {
      medianMs: round(percentile(busyTimes, 50)),
      p95Ms: round(percentile(busyTimes, 95)),
      maxMs: round(Math.max(...busyTimes))
    },
    /** Keystrokes handled in the same frame as another one (typed faster than frames). */
    sharedFrames,
    eventTiming: {
      over16Ms: eventTimes.length,
      medianMs: under16(percentile(browser, 50)),
      p95Ms: under16(percentile(browser, 95)),
      maxMs: under16(Math.max(0, ...eventTimes))
    }
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const server = new ServerProcess();
const browser = await chromium.launch(chromiumLaunchOptions);
let failed = false;
try {
  const baseUrl = await server.start();
  const viewport = { width: 1024, height: 768 };

  // 1. Opening a 1,000,000-character document from the device's copy.
  const owner = await browser.newContext({ viewport });
  await signUp(owner, baseUrl, 'Лобанова Людмила');
  const workspaceId = await createWorkspace(owner, baseUrl, 'Сеть учреждений Белгорода');
  await owner.addInitScript(OBSERVE_LONG_TASKS);
  const writer = await owner.newPage();
  const bigId = await newDocument(writer, baseUrl);
  const bigChars = await fill(writer, OPEN_CHARS);
  await saved(writer);
  const bigSize = await writer.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    return el.editor.state.doc.content.size as number;
  });
  await writer.close();
  const opens = [];
  for (let i = 0; i < OPEN_RUNS; i++)
    opens.push(await open(owner, `${baseUrl}/doc?id=${bigId}`, bigSize, i === 0));

  // 2a. The same run's baseline: typing alone in a document of one line.
  const alone = await owner.newPage();
  await newDocument(alone, baseUrl);
  const baseline = summary(await typeTimed(alone, KEYS));
  await alone.close();

  // 2b. Typing in a 100 KB document while a colleague types in it.
  const colleague = await browser.newContext({ viewport });
  await signUp(colleague, baseUrl, 'Кравец Ольга');
  await acceptInvite(colleague, baseUrl, await createInvite(owner, baseUrl, workspaceId, 'editor'));
  const mine = await owner.newPage();
  const typingId = await newDocument(mine, baseUrl);
  const typingChars = await fill(mine, TYPING_CHARS);
  await saved(mine);
  // 2c. The same 100 KB document before the colleague comes: what the document's size costs.
  const largeAlone = summary(await profiled(mine, PROFILE_ALONE, () => typeTimed(mine, KEYS)));
  await saved(mine);
  const theirs = await colleague.newPage();
  await theirs.goto(`${baseUrl}/doc?id=${typingId}`);
  await theirs.waitForFunction(
    (size) => {
      const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
      return el?.editor && el.editor.state.doc.content.size >= size;
    },
    typingChars,
    { timeout: 120_000 }
  );
  // The colleague types a word every 150 ms at the top of the document.
  await theirs.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    const words = ['глина ', 'роспись ', 'узор ', 'игрушка '];
    let i = 0;
    (window as unknown as { __typing: number }).__typing = window.setInterval(() => {
      el.editor.commands.insertContentAt(1, words[i++ % words.length]);
    }, 150);
  });
  const tracing = TRACE ? await owner.newCDPSession(mine) : null;
  if (tracing) await tracing.send('Tracing.start', { categories: TRACE_CATEGORIES });
  const keyTimes = await profiled(mine, PROFILE, () => typeTimed(mine, KEYS));
  if (tracing && TRACE) writeFileSync(TRACE, JSON.stringify(await endTrace(tracing)));
  await theirs.evaluate(() => clearInterval((window as unknown as { __typing: number }).__typing));
  const remoteWords = await theirs.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    return (el.editor.state.doc.textContent.match(/роспись /g) ?? []).length as number;
  });
  await theirs.close();

  // 2d. The same document while the colleague types on another device: the colleague's browser
  // no longer shares this machine's two cores with the page under test.
  const cookie = (await colleague.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const device = await remoteColleague(baseUrl, workspaceId, typingId, cookie, 150);
  const otherDevice = summary(await profiled(mine, PROFILE_DEVICE, () => typeTimed(mine, KEYS)));
  device.stopTyping();
  const deviceWordsWritten = device.wordsWritten();
  // Every fourth word is «орнамент»: all of them reach the page, the last ones a moment later.
  const deviceWordsSeen = await mine
    .waitForFunction(
      (expected) => {
        const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
        const seen = (el.editor.state.doc.textContent.match(/орнамент /g) ?? []).length as number;
        return seen >= expected ? seen : false;
      },
      Math.floor(deviceWordsWritten / 4),
      { timeout: 10_000 }
    )
    .then((handle) => handle.jsonValue() as Promise<number>)
    .catch(() => -1);
  device.stop();

  const worstOpen = Math.max(...opens.map((o) => o.readyMs));
  const worstTask = Math.max(0, ...opens.flatMap((o) => o.longTasksMs));
  const keys = summary(keyTimes);
  const misses: string[] = [];
  if (worstOpen > LIMITS.openMs) misses.push(`open ${worstOpen} ms > ${LIMITS.openMs} ms`);
  if (worstTask > LIMITS.longestTaskMs)
    misses.push(`longest task while opening ${worstTask} ms > ${LIMITS.longestTaskMs} ms`);
  if (otherDevice.busy.p95Ms > LIMITS.keyP95Ms)
    misses.push(
      `keystroke p95 ${otherDevice.busy.p95Ms} ms > ${LIMITS.keyP95Ms} ms (busy part, the ` +
        `colleague on another device)`
    );
  if (deviceWordsSeen < 0)
    misses.push(`the other device's ${deviceWordsWritten} words did not all arrive in 10 s`);
  if (opens.some((o) => !o.typed)) misses.push('a keystroke after opening did not land');
  const result = {
    bench: 'editor',
    limits: LIMITS,
    open: { chars: bigChars, runs: opens },
    typing: {
      chars: typingChars,
      keyGapMs: KEY_GAP,
      colleagueWordsSeen: remoteWords,
      keys,
      otherDevice: { ...otherDevice, wordsWritten: deviceWordsWritten },
      baselineAlone: baseline,
      largeAlone
    },
    misses
  };
  console.log(JSON.stringify(result, null, 2));
  if (OUT) writeFileSync(OUT, JSON.stringify(result, null, 2));
  console.log(
    `open ${bigChars} chars: ${opens.map((o) => o.readyMs).join('/')} ms, longest task ` +
      `${opens.map((o) => Math.max(0, ...o.longTasksMs)).join('/')} ms; typing in ${typingChars} ` +
      `chars, a key every ${KEY_GAP} ms, with a colleague on another device: busy median ` +
      `${otherDevice.busy.medianMs} ms, p95 ${otherDevice.busy.p95Ms} ms, max ` +
      `${otherDevice.busy.maxMs} ms; with the colleague's browser on this machine: to the frame ` +
      `median ${keys.medianMs} ms, ` +
      `p95 ${keys.p95Ms} ms, max ${keys.maxMs} ms; busy p95 ${keys.busy.p95Ms} ms, max ` +
      `${keys.busy.maxMs} ms ` +
      `(alone in one line: median ${baseline.medianMs} ms, p95 ${baseline.p95Ms} ms, busy p95 ` +
      `${baseline.busy.p95Ms} ms; alone in the same document: busy median ` +
      `${largeAlone.busy.medianMs} ms, p95 ${largeAlone.busy.p95Ms} ms); ` +
      `Event Timing p95 ${keys.eventTiming.p95Ms} ms (alone ${baseline.eventTiming.p95Ms} ms)`
  );
  if (misses.length > 0) {
    console.log(`missed: ${misses.join('; ')}`);
    failed = true;
  } else console.log('editor: targets met');
  await colleague.close();
  await owner.close();
} finally {
  await browser.close();
  await server.dispose();
}
process.exit(failed ? 1 : 0);
