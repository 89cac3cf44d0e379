import { Parser } from "htmlparser2";

/**
 * Raw HTML is allowed in legal Markdown (a `<abbr>`, a `<br>` in a table) but nothing that can run
 * code, load from another origin or leave the page through a form. An allow-everything-else rule
 * with an explicit deny list, because editors use a handful of harmless tags we cannot predict.
 * htmlparser2 is here because it tokenizes HTML the forgiving way browsers do and decodes entities
 * in attributes, so `jav&#97;script:` is seen as what a browser would see.
 */
export interface UnsafeHtml {
  /** Character offset in the checked text where the offending tag starts. */
  readonly offset: number;
  readonly severity: "error" | "warning";
  readonly message: string;
}

const FORBIDDEN_ELEMENTS: Readonly<Record<string, string>> = {
  script: "runs code",
  style: "can load resources and restyle the whole page; styling belongs in the site's stylesheet",
  iframe: "embeds another page",
  frame: "embeds another page",
  frameset: "embeds other pages",
  object: "embeds plug-in content that can run code",
  embed: "embeds plug-in content that can run code",
  applet: "runs code",
  base: "changes where every link on the page points",
  link: "loads resources into the page",
  meta: "can redirect or reconfigure the page",
  form: "sends readers' data somewhere",
  svg: "can contain scripts and event handlers; publish the picture as an image file instead",
  math: "can carry links and handlers that bypass the checks; write formulas as text",
  portal: "embeds another page",
  template: "holds markup that scripts can activate",
};

/** Attributes whose value is a URL that a browser may follow or load. */
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "cite", "longdesc", "ping", "srcset"]);
/** Attributes that make the browser contact the URL without the reader choosing to go there. */
const LOADING_ATTRIBUTES = new Set(["src", "poster", "background", "data", "srcset", "ping"]);

/** `javascript:`, `vbscript:` and `data:` URLs can run code or smuggle content past every check. */
export function isScriptUrl(url: string): boolean {
  // Browsers ignore control characters and white space inside a scheme (`java\tscript:`).
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]+/g, "").toLowerCase();
  return /^(javascript|vbscript|data):/.test(compact);
}

/** A URL that would make the reader's browser contact another origin. */
export function isOtherOrigin(url: string): boolean {
  return /^([a-z][a-z0-9+.-]*:)?\/\//i.test(url.trim());
}

/** @param onId told every `id` the HTML defines, so links to raw-HTML anchors can be checked. */
export function findUnsafeHtml(html: string, onId?: (id: string) => void): UnsafeHtml[] {
  const findings: UnsafeHtml[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const offset = parser.startIndex;
        if (attributes.id !== undefined) onId?.(attributes.id);
        const reason = FORBIDDEN_ELEMENTS[name];
        if (reason) {
          findings.push({ offset, severity: "error", message: `<${name}> is not allowed in a document because it ${reason}; remove it.` });
        }
        for (const [attribute, value] of Object.entries(attributes)) {
          const problem = attributeProblem(name, attribute, value);
          if (problem) findings.push({ offset, ...problem });
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return findings;
}

function attributeProblem(tag: string, attribute: string, value: string): Omit<UnsafeHtml, "offset"> | undefined {
  if (attribute.startsWith("on")) {
    return { severity: "error", message: `the ${attribute}= attribute on <${tag}> runs code; remove it.` };
  }
  if (attribute === "srcdoc") {
    return { severity: "error", message: `the srcdoc= attribute on <${tag}> embeds a page that can run code; remove it.` };
  }
  if (URL_ATTRIBUTES.has(attribute)) {
    const urls = attribute === "srcset" ? value.split(",").map((candidate) => candidate.trim().split(/\s+/)[0] ?? "") : [value];
    if (urls.some(isScriptUrl)) {
      return { severity: "error", message: `the ${attribute}= attribute on <${tag}> uses a javascript:, vbscript: or data: URL, which can run code; link to a page or file instead.` };
    }
    if (LOADING_ATTRIBUTES.has(attribute) && urls.some(isOtherOrigin)) {
      return {
        severity: "error",
        message: `the ${attribute}= attribute on <${tag}> loads from another origin, which tells that origin who reads this page; publish the file on this site instead.`,
      };
    }
  }
  if (attribute === "style") {
    if (/expression\s*\(|url\s*\(|@import|javascript:|behavior\s*:|-moz-binding/i.test(value)) {
      return { severity: "error", message: `the style= attribute on <${tag}> can load resources or run code; remove it.` };
    }
    return {
      severity: "warning",
      message: `the style= attribute on <${tag}> has no effect: the pages' Content-Security-Policy blocks inline styles; ask for a class in the stylesheet instead.`,
    };
  }
  return undefined;
}
