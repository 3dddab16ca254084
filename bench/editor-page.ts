/**
 * What the editor benchmark runs inside the page. Each function is serialised by Playwright and
 * runs in the browser, so it may use only its arguments and the DOM: no imports, no closures.
 */

export type RenderSample = { at: number; total: number; visible: number };

type BenchWindow = Window & {
  __benchRender?: { samples: RenderSample[]; stop: () => void };
  __benchFrames?: { deltas: number[]; running: boolean };
};

/**
 * Installed before any page script: records, against the page's own clock (ms since navigation
 * start), every change in how many React Flow nodes exist and how many of them are visible (React
 * Flow hides a node until it has measured it).
 */
export function recordNodeRendering(): void {
  if (!location.pathname.startsWith("/designs/")) return;
  const samples: RenderSample[] = [];
  let last = "";
  const check = () => {
    const nodes = document.getElementsByClassName("react-flow__node");
    let visible = 0;
    for (const node of nodes) if ((node as HTMLElement).style.visibility !== "hidden") visible += 1;
    const key = `${nodes.length}/${visible}`;
    if (key === last) return;
    last = key;
    samples.push({ at: performance.now(), total: nodes.length, visible });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["style"],
  });
  (window as BenchWindow).__benchRender = { samples, stop: () => observer.disconnect() };
}

export function readRenderSamples(): RenderSample[] {
  return [...((window as BenchWindow).__benchRender?.samples ?? [])];
}

export function stopRenderRecording(): void {
  (window as BenchWindow).__benchRender?.stop();
}

/** Starts recording the time between animation frames: long gaps are dropped frames. */
export function startFrameRecording(): void {
  const record = { deltas: [] as number[], running: true };
  (window as BenchWindow).__benchFrames = record;
  let previous: number | null = null;
  const onFrame = (time: number) => {
    if (previous !== null) record.deltas.push(time - previous);
    previous = time;
    if (record.running) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
}

export function stopFrameRecording(): number[] {
  const record = (window as BenchWindow).__benchFrames;
  if (!record) return [];
  record.running = false;
  return [...record.deltas];
}

/** A point of the canvas where nothing but the empty pane is: dragging there pans. */
export function findEmptyPanePoint(): { x: number; y: number } | null {
  const pane = document.querySelector(".react-flow__pane");
  if (!pane) return null;
  const box = pane.getBoundingClientRect();
  // From the middle outwards, so the drag has room in every direction.
  for (let ring = 0; ring < 12; ring += 1) {
    for (let step = 0; step < 16; step += 1) {
      const angle = (step / 16) * 2 * Math.PI;
      const x = box.left + box.width / 2 + Math.cos(angle) * ring * (box.width / 30);
      const y = box.top + box.height / 2 + Math.sin(angle) * ring * (box.height / 30);
      if (document.elementFromPoint(x, y) === pane) return { x, y };
    }
  }
  return null;
}

export function countNodes(): number {
  return document.getElementsByClassName("react-flow__node").length;
}

/** Which page drew the graph: the editor, or the read-only view it replaces. */
export function describePage(): string {
  if (document.querySelector(".editor-page")) return "editor";
  if (document.querySelector(".design-layout")) return "read-only graph view";
  return "unknown";
}

export function pageClock(): number {
  return performance.now();
}

/** The browser's own navigation milestones, in ms since navigation start. */
export function readNavigationTiming(): { domContentLoadedMs: number; loadMs: number } {
  const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  return {
    domContentLoadedMs: navigation?.domContentLoadedEventEnd ?? 0,
    loadMs: navigation?.loadEventEnd ?? 0,
  };
}
