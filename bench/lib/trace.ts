/**
 * The page's main-thread tasks and whose JavaScript ran in each, from V8's samples: a content
 * script's work arrives as timers, messages, observer callbacks and yields, and only the stacks
 * say whose code ran (layout it forces is sampled under it too).
 */

interface TraceEvent {
  name: string
  cat?: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  /** Thread time, µs: unlike `dur`, not counting while other processes hold the CPU. */
  tdur?: number
  id?: string
  args?: Record<string, unknown>
}

interface ProfileNode {
  id: number
  parent?: number
  callFrame: { url?: string; functionName?: string }
}

export interface MainThreadTask {
  /** ms since the trace's navigation start. */
  start: number
  duration: number
  /** The task's thread (CPU) time, ms, when the trace has it: on a loaded machine its wall time is inflated. */
  cpuMs: number | null
  /** ms of sampled JavaScript per label (see `scriptLabels`). */
  scriptMs: Record<string, number>
  hasLayout: boolean
  hasStyle: boolean
  hasPaint: boolean
  hasParse: boolean
  /** The Mojo interface of the message the task handled, when it handled one (e.g. `blink.mojom.DevToolsSession`). */
  mojoInterface: string | null
}

export interface TraceMarker {
  /** ms since navigation start. */
  at: number
  message: string
}

export interface TraceSummary {
  tasks: MainThreadTask[]
  /** ms since navigation start; null when not in the trace. */
  loadAt: number | null
  parseEndAt: number | null
  /** The end of the page's first full layout after its HTML was parsed (static pages: it has settled). */
  settledAt: number | null
  /** Total sampled JavaScript per label over the whole trace, ms. */
  scriptMs: Record<string, number>
  /** Mean sampling interval, ms (the resolution of scriptMs). */
  sampleIntervalMs: number
  /** console.timeStamp() calls on the main thread (HashLens and the reference mark their draws). */
  markers: TraceMarker[]
  /** Main-thread rendering over the whole trace, ms: style recalculation, layout, pre-paint and paint. */
  renderingMs: RenderingMs
}

export interface RenderingMs {
  style: number
  layout: number
  paint: number
}

/** A sample stands for the time until the next one, but never more than this (gaps are not JavaScript). */
const MAX_SAMPLE_WEIGHT_US = 2000

/** `scriptLabels`: label → substring of a script URL, e.g. { hashlens: 'chrome-extension://<id>/' }. */
export function summarizeTrace(buffer: Buffer, pageUrl: string, scriptLabels: Record<string, string>): TraceSummary {
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[]
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents ?? []

  // The page's renderer: the process that parsed the page's URL.
  const parse = events.find((event) => event.name === 'ParseHTML' && (event.args?.beginData as { url?: string } | undefined)?.url === pageUrl)
  if (!parse) throw new Error(`the trace has no ParseHTML of ${pageUrl}`)
  const pid = parse.pid
  const tid = parse.tid

  const navigation = events.find((event) => event.pid === pid && event.name === 'navigationStart' &&
    (event.args?.data as { documentLoaderURL?: string } | undefined)?.documentLoaderURL === pageUrl)
  const origin = navigation?.ts ?? parse.ts
  const ms = (ts: number): number => (ts - origin) / 1000

  const onMain = events.filter((event) => event.pid === pid && event.tid === tid)
  onMain.sort((a, b) => a.ts - b.ts)

  // Top-level tasks only. A task's event ends before its microtask checkpoint, where awaits
  // resume, so a checkpoint right after a task joins it.
  const taskEvents: TraceEvent[] = []
  let lastEnd = -Infinity
  for (const event of onMain) {
    if (event.ph !== 'X' || event.dur === undefined) continue
    const isTask = event.name === 'ThreadControllerImpl::RunTask'
    const isCheckpoint = event.name === 'BlinkScheduler_PerformMicrotaskCheckpoint'
    if (!isTask && !isCheckpoint) continue
    if (event.ts < lastEnd) continue
    const previous = taskEvents[taskEvents.length - 1]
    if (isCheckpoint && previous && event.ts - (previous.ts + previous.dur!) < 100) {
      previous.dur = event.ts + event.dur - previous.ts
      if (previous.tdur !== undefined) previous.tdur += event.tdur ?? 0
    } else {
      taskEvents.push({ ...event })
    }
    lastEnd = event.ts + event.dur
  }
  const tasks: MainThreadTask[] = taskEvents.map((event) => ({
    start: ms(event.ts), duration: event.dur! / 1000, cpuMs: event.tdur === undefined ? null : event.tdur / 1000, scriptMs: {}, hasLayout: false, hasStyle: false, hasPaint: false, hasParse: false, mojoInterface: null,
  }))

  // Mark what happened inside each task (events are sorted; walk with a cursor).
  const taskAt = makeTaskLookup(taskEvents)
  let parseEnd: number | null = null
  const markers: TraceMarker[] = []
  const renderingMs: RenderingMs = { style: 0, layout: 0, paint: 0 }
  for (const event of onMain) {
    if (event.name === 'TimeStamp') {
      const message = (event.args?.data as { message?: string } | undefined)?.message
      if (message) markers.push({ at: ms(event.ts), message })
      continue
    }
    if (event.ph !== 'X') continue
    const index = taskAt(event.ts)
    const task = index === -1 ? null : tasks[index]!
    switch (event.name) {
      case 'Layout': if (task) task.hasLayout = true; renderingMs.layout += (event.dur ?? 0) / 1000; break
      case 'UpdateLayoutTree': if (task) task.hasStyle = true; renderingMs.style += (event.dur ?? 0) / 1000; break
      case 'Paint': case 'PrePaint': if (task) task.hasPaint = true; renderingMs.paint += (event.dur ?? 0) / 1000; break
      case 'Receive mojo message':
        // The first message a task handles is what it was run for.
        if (task && task.mojoInterface === null) {
          task.mojoInterface = (event.args?.chrome_mojo_event_info as { mojo_interface_tag?: string } | undefined)?.mojo_interface_tag ?? null
        }
        break
      case 'ParseHTML':
        if (task) task.hasParse = true
        parseEnd = Math.max(parseEnd ?? -Infinity, ms(event.ts + (event.dur ?? 0)))
        break
    }
  }

  const load = events.find((event) => event.pid === pid && event.name === 'MarkLoad' &&
    (event.args?.data as { isOutermostMainFrame?: boolean } | undefined)?.isOutermostMainFrame)
  const loadAt = load ? ms(load.ts) : null

  // The first layout ending after the parse lays out the whole page; settled once it is painted.
  let settledAt: number | null = null
  if (parseEnd !== null) {
    const layoutIndex = tasks.findIndex((task) => task.start + task.duration >= parseEnd! && task.hasLayout)
    if (layoutIndex === -1) {
      settledAt = parseEnd
    } else {
      const layout = tasks[layoutIndex]!
      const painted = layout.hasPaint ? layout : tasks.slice(layoutIndex + 1).find((task) => task.hasPaint)
      settledAt = Math.max(parseEnd, (painted ?? layout).start + (painted ?? layout).duration)
    }
  }

  const { scriptMs, intervalMs } = attributeSamples(events, pid, tid, origin, taskEvents, tasks, scriptLabels)
  return { tasks, loadAt, parseEndAt: parseEnd, settledAt, scriptMs, sampleIntervalMs: intervalMs, markers, renderingMs }
}

/** Index of the task containing time `ts` (µs), or -1; queries must come in increasing order. */
function makeTaskLookup(taskEvents: readonly TraceEvent[]): (ts: number) => number {
  let cursor = 0
  return (ts) => {
    while (cursor < taskEvents.length && taskEvents[cursor]!.ts + taskEvents[cursor]!.dur! < ts) cursor++
    const task = taskEvents[cursor]
    return task && task.ts <= ts ? cursor : -1
  }
}

function attributeSamples(
  events: readonly TraceEvent[], pid: number, tid: number, origin: number,
  taskEvents: readonly TraceEvent[], tasks: MainThreadTask[], scriptLabels: Record<string, string>,
): { scriptMs: Record<string, number>; intervalMs: number } {
  const scriptMs: Record<string, number> = Object.fromEntries(Object.keys(scriptLabels).map((label) => [label, 0]))
  const profile = events.find((event) => event.name === 'Profile' && event.pid === pid && event.tid === tid)
  if (!profile) return { scriptMs, intervalMs: 0 }
  const chunks = events.filter((event) => event.name === 'ProfileChunk' && event.pid === pid && event.id === profile.id)
  chunks.sort((a, b) => a.ts - b.ts)

  const nodes = new Map<number, ProfileNode>()
  const samples: number[] = []
  const deltas: number[] = []
  for (const chunk of chunks) {
    const data = chunk.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined
    for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node)
    for (const sample of data?.cpuProfile?.samples ?? []) samples.push(sample)
    for (const delta of data?.timeDeltas ?? []) deltas.push(delta)
  }

  // Label of each node: the first label whose URL appears anywhere on its stack.
  const labelOf = new Map<number, string | null>()
  const entries = Object.entries(scriptLabels)
  const resolve = (id: number): string | null => {
    const known = labelOf.get(id)
    if (known !== undefined) return known
    const node = nodes.get(id)
    let label: string | null = null
    if (node) {
      const url = node.callFrame.url ?? ''
      label = entries.find(([, needle]) => url.includes(needle))?.[0] ?? null
      if (label === null && node.parent !== undefined) label = resolve(node.parent)
    }
    labelOf.set(id, label)
    return label
  }

  const startTime = (profile.args?.data as { startTime?: number } | undefined)?.startTime ?? profile.ts
  const times: number[] = []
  let time = startTime
  for (const delta of deltas) {
    time += delta
    times.push(time)
  }
  const taskAt = makeTaskLookup(taskEvents)
  let weighted = 0
  let counted = 0
  for (let index = 0; index < samples.length && index < times.length; index++) {
    const next = times[index + 1]
    const weightUs = next === undefined ? 0 : Math.min(MAX_SAMPLE_WEIGHT_US, next - times[index]!)
    if (weightUs > 0 && weightUs < MAX_SAMPLE_WEIGHT_US) {
      weighted += weightUs
      counted++
    }
    const label = resolve(samples[index]!)
    if (label === null) continue
    scriptMs[label] = (scriptMs[label] ?? 0) + weightUs / 1000
    const task = taskAt(times[index]!)
    if (task !== -1) tasks[task]!.scriptMs[label] = (tasks[task]!.scriptMs[label] ?? 0) + weightUs / 1000
  }
  void origin
  return { scriptMs, intervalMs: counted > 0 ? weighted / counted / 1000 : 0 }
}

export const LONG_TASK_MS = 50

export interface Attribution {
  /** Long-task time charged to `label`: long tasks that are its own, plus its script time inside the others. */
  longTaskMs: number
  /** Long tasks that are its own (see below). */
  ownLongTasks: number
  /** The longest of those, ms (0 when none). */
  longestOwnTaskMs: number
  /** Its script time over the window, ms. */
  scriptMs: number
  /** Main-thread time charged to it over the window (own tasks whole, else its script time), ms. */
  chargedMs: number
}

/**
 * A task is the script's own when its code took half of it, or when it is the first rendering
 * after one of its draws (console.timeStamp `markerPrefix`); otherwise only its sampled time
 * counts. On a page that changes by itself this overcharges.
 */
export function attribute(summary: TraceSummary, label: string, markerPrefix: string, window: { from?: number; to?: number } = {}): Attribution {
  const from = window.from ?? -Infinity
  const to = window.to ?? Infinity
  const draws = summary.markers.filter((marker) => marker.message.startsWith(markerPrefix)).map((marker) => marker.at)
  let drawIndex = 0
  let lastRenderEnd = -Infinity
  const result: Attribution = { longTaskMs: 0, ownLongTasks: 0, longestOwnTaskMs: 0, scriptMs: 0, chargedMs: 0 }
  for (const task of summary.tasks) {
    const isRendering = task.hasStyle || task.hasLayout || task.hasPaint
    let isAfterDraw = false
    if (isRendering) {
      while (drawIndex < draws.length && draws[drawIndex]! <= task.start) {
        if (draws[drawIndex]! >= lastRenderEnd) isAfterDraw = true
        drawIndex++
      }
      lastRenderEnd = task.start + task.duration
    }
    if (task.start < from || task.start > to) continue
    const own = task.scriptMs[label] ?? 0
    const isOwn = own >= task.duration / 2 || isAfterDraw
    result.scriptMs += own
    result.chargedMs += isOwn ? task.duration : own
    if (task.duration <= LONG_TASK_MS) continue
    if (isOwn) {
      result.longTaskMs += task.duration
      result.ownLongTasks++
      result.longestOwnTaskMs = Math.max(result.longestOwnTaskMs, task.duration)
    } else {
      result.longTaskMs += own
    }
  }
  return result
}

/** Count and total of all main-thread tasks over 50 ms in a time window (ms since navigation start). */
export function longTasksIn(summary: TraceSummary, from = -Infinity, to = Infinity): { count: number; totalMs: number } {
  let count = 0
  let totalMs = 0
  for (const task of summary.tasks) {
    if (task.start < from || task.start > to || task.duration <= LONG_TASK_MS) continue
    count++
    totalMs += task.duration
  }
  return { count, totalMs }
}

