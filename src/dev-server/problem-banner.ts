import type { IncomingMessage, ServerResponse } from "node:http";
import { createTemplateEnvironment } from "../templating/environment.ts";

/** Where `npm start` serves the banner's stylesheet: its pages' CSP lets only same-origin styles apply. */
export const BANNER_STYLESHEET = "/__codicil/problems.css";

const BANNER_CSS = `.codicil-problems {
  position: sticky; inset-block-start: 0; z-index: 10; margin: 0; padding: 0.75rem 1rem;
  background: #fff4f4; color: #5c0a0a; border-block-end: 3px solid #b3261e;
  font: 0.9rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  max-block-size: 50vh; overflow: auto;
}
.codicil-problems h2 { margin: 0 0 0.4rem; font: 700 1rem/1.3 system-ui, sans-serif; }
.codicil-problems ul { margin: 0; padding-inline-start: 1.25rem; }
.codicil-problems li { white-space: pre-wrap; overflow-wrap: anywhere; }
@media (prefers-color-scheme: dark) { .codicil-problems { background: #3b0d0d; color: #ffd9d6; border-color: #ff8a80; } }
`;

type Next = (error?: unknown) => unknown;

/**
 * `npm start`'s pages show what the terminal says is wrong: while the content has an error (or a
 * template failed), every HTML page served carries a banner listing the `file:line` messages. It
 * is added to the response as it is served, never to a file, so no build output ever holds it;
 * the messages are the terminal's, in English.
 */
export class ProblemBanner {
  #html = "";
  readonly #environment;

  /** `templateDirs`: the site's templates/ first, so a site may restyle `partials/dev-problems.njk`. */
  constructor(templateDirs: readonly string[]) {
    this.#environment = createTemplateEnvironment(templateDirs);
  }

  /** The errors to show from now on; none hides the banner. */
  show(messages: readonly string[]): void {
    this.#html =
      messages.length === 0
        ? ""
        : this.#environment.render("partials/dev-problems.njk", {
            stylesheet: BANNER_STYLESHEET,
            heading: `${messages.length === 1 ? "1 problem stops" : `${messages.length} problems stop`} the build: this preview shows the pages as they were before. Fix ${messages.length === 1 ? "it" : "them"} and the page reloads.`,
            messages,
          });
  }

  get html(): string {
    return this.#html;
  }

  /** Middleware for Eleventy's dev server: serves the stylesheet and adds the banner to HTML responses. */
  middleware(): (req: IncomingMessage, res: ServerResponse, next: Next) => unknown {
    return (req, res, next) => {
      if (req.url === BANNER_STYLESHEET) {
        res.setHeader("Content-Type", "text/css; charset=utf-8");
        res.end(BANNER_CSS);
        return;
      }
      const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
      // The dev server hands an HTML page to `end` as one string, before adding its live-reload script.
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        const html = this.#html;
        const isPage = typeof chunk === "string" && String(res.getHeader("Content-Type") ?? "").startsWith("text/html");
        return end(isPage && html !== "" ? withBanner(chunk, html) : chunk, ...rest);
      }) as typeof res.end;
      return next();
    };
  }
}

/** The page with the banner first in its body. */
export function withBanner(page: string, banner: string): string {
  const body = /<body\b[^>]*>/i.exec(page);
  if (!body) return banner + page;
  const at = body.index + body[0].length;
  return `${page.slice(0, at)}\n${banner}${page.slice(at)}`;
}
