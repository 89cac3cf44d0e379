import type { Severity } from "../core/problems.ts";
import { editDistance } from "./edit-distance.ts";

/**
 * The common slips in writing a link's address, each named with its fix: the editor is told what
 * they wrote wrong ("wrapped in extra parentheses"), not only that the address does not work.
 * An error where the link cannot work as written; a warning where it may (a trailing "." can
 * belong to an address, a browser mends `https:/`).
 */
export interface AddressSlip {
  readonly severity: Severity;
  /** Completes `the link "<address>" …`: what is wrong and how to write it. */
  readonly message: string;
}

/** Schemes a link in a legal text uses; one a typing slip away from these is a slip. */
const WEB_SCHEMES = ["http", "https", "mailto", "tel"];

/** Endings of file names, which a relative link (`privacy.html`) has where a host has its domain. */
const FILE_EXTENSIONS = new Set(["html", "htm", "md", "pdf", "php", "asp", "aspx", "jsp", "txt", "xml", "json", "png", "jpg", "jpeg", "gif", "svg", "webp"]);

/** Longest address quoted back in a message: a message stays one line. */
const SHOWN = 100;

const show = (address: string) => (address.length > SHOWN ? `${address.slice(0, SHOWN - 1)}…` : address);

/**
 * The slip in a link's address as markdown-it hands it over (already %-encoded: `<` is `%3C`),
 * or undefined when it looks as intended. Cheap on the usual address: a few tests of its first and
 * last characters.
 */
export function addressSlip(address: string): AddressSlip | undefined {
  const decoded = address.replace(/%3C/gi, "<").replace(/%3E/gi, ">").replace(/%22/g, '"').replace(/%20/g, " ");
  const first = decoded[0];
  const last = decoded[decoded.length - 1];
  if (first === "(" && last === ")") {
    return { severity: "error", message: `is wrapped in extra parentheses: write [text](${show(decoded.slice(1, -1).trim())}), with one pair of ( ) around the address.` };
  }
  if ((first === '"' || first === "'") && last === first && decoded.length > 1) {
    return { severity: "error", message: `is in quotation marks: write [text](${show(decoded.slice(1, -1).trim())}), without them.` };
  }
  if (/[<>]/.test(decoded)) {
    return { severity: "error", message: `has < > inside it: write [text](${show(decoded.replace(/[<>]/g, "").trim())}); angle brackets may only enclose the whole address, [text](<…>).` };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(decoded)?.[1]?.toLowerCase();
  if (scheme !== undefined && !WEB_SCHEMES.includes(scheme)) {
    const meant = WEB_SCHEMES.find((known) => editDistance(scheme, known) === 1);
    if (meant) return { severity: "error", message: `starts with "${scheme}:", which no browser opens: write ${meant}: (${show(`${meant}${decoded.slice(scheme.length)}`)}).` };
  }
  if (scheme === undefined) {
    const missingColon = /^(https?)\/\/(.*)$/i.exec(decoded);
    if (missingColon) return { severity: "error", message: `lacks the colon after ${missingColon[1]}: write ${show(`${missingColon[1]}://${missingColon[2]}`)}.` };
    const host = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.([a-z]{2,})(\/|$)/i.exec(decoded);
    if (/^www\./i.test(decoded) || (host?.[2] !== undefined && !FILE_EXTENSIONS.has(host[2].toLowerCase()))) {
      return { severity: "error", message: `is a web address without https://: write [text](https://${show(decoded)}), or the link leads to a page of this site.` };
    }
    if (/^[^\s/@]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(decoded)) return { severity: "error", message: `is an e-mail address: write [text](mailto:${show(decoded)}).` };
  }
  if ((scheme === "http" || scheme === "https") && !/^https?:\/\//i.test(decoded)) {
    return { severity: "warning", message: `needs two slashes after ${scheme}: write ${show(decoded.replace(/^(https?):\/*/i, "$1://"))}.` };
  }
  if (last === ")" && count(decoded, "(") < count(decoded, ")")) {
    return { severity: "warning", message: `ends with a ")" that opens nowhere in the address; if it closes the sentence's parenthesis, put it after the link: [text](${show(decoded.slice(0, -1))}).` };
  }
  if (last !== undefined && ".,;:".includes(last) && (scheme !== undefined || first === "/")) {
    return { severity: "warning", message: `ends with "${last}", which is most likely the sentence's: write [text](${show(decoded.slice(0, -1))})${last}` };
  }
  return undefined;
}

/**
 * A Markdown link that markdown-it left as text because its address has a space in it
 * (`[text](https://example.com/my page)`), or a space between `]` and `(`: the reader would see
 * the brackets. `text` is what the reader sees of a paragraph; returns the offset in it of the slip
 * and its message.
 */
export function unparsedLinkSlip(text: string): { readonly offset: number; readonly message: string } | undefined {
  const wrapped = /\]\(\s*\(\s*((?:https?:|mailto:|www\.|\/)[^()\s]*)\s*\)\s*\)/i.exec(text);
  if (wrapped?.[1] !== undefined) {
    return { offset: wrapped.index, message: `the link address "${show(wrapped[1])}" is wrapped in extra parentheses, so this is no link: the reader sees the brackets; write [text](${show(wrapped[1])}).` };
  }
  const spaced = /\]\(\s*<?((?:https?:|mailto:|www\.|\/)[^()\s<>]*\s[^()<>]*?)>?\s*\)/i.exec(text);
  if (spaced?.[1] !== undefined) {
    const address = spaced[1].trim();
    return {
      offset: spaced.index,
      message: `the link address "${show(address)}" has a space in it, so this is no link: the reader sees the brackets; write %20 for the space, or enclose the address in < >: [text](<${show(address)}>).`,
    };
  }
  const gap = /\]\s+\(((?:https?:\/\/|mailto:|\/)[^()\s]*)\)/i.exec(text);
  if (gap?.[1] !== undefined) {
    return { offset: gap.index, message: `a space between "]" and "(" keeps "(${show(gap[1])})" from being a link's address: the reader sees the brackets; write [text](${show(gap[1])}).` };
  }
  return undefined;
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}
