import { test as base, type BrowserContext, type Response } from "@playwright/test";
import { leakedSecrets } from "./planted-secrets";

export * from "@playwright/test";

/** Answers that are not text, or never end (event streams), are not read. */
const READABLE = /^(text\/(html|plain|css|x-component)|application\/(json|javascript))/;
const watched = new WeakSet<BrowserContext>();
const leaks: string[] = [];

function watch(context: BrowserContext): void {
  if (watched.has(context)) return;
  watched.add(context);
  context.on("response", (response: Response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!READABLE.test(type)) return;
    void response
      .text()
      .then((text) => {
        for (const secret of leakedSecrets(text))
          leaks.push(`${response.url()} contains ${secret.slice(0, 16)}…`);
      })
      .catch(() => undefined);
  });
}

/**
 * The browser suite's `test`: every context any test opens (its own `context` or one from
 * `browser.newContext`) has each text answer searched for the planted provider keys, and a test
 * during which one appeared fails. So no page, API answer or script the suite ever receives may
 * carry a key (issue 7).
 */
export const test = base.extend<{ watchResponses: void }, { watchContexts: void }>({
  watchContexts: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...options: Parameters<typeof browser.newContext>) => {
        const context = await newContext(...options);
        watch(context);
        return context;
      };
      await use();
    },
    { scope: "worker", auto: true },
  ],
  watchResponses: [
    async ({ context }, use) => {
      watch(context);
      const before = leaks.length;
      await use();
      // Let answers still being read finish.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const found = leaks.slice(before);
      if (found.length > 0)
        throw new Error(`Planted provider keys reached the browser:\n${found.join("\n")}`);
    },
    { auto: true },
  ],
});
