import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { Parser } from "htmlparser2";
import { error, type Problem } from "../core/problems.ts";
import type { BrandSettings } from "../model/settings.ts";

/** Larger than any logo needs to be: a page's first screen should not wait on a photograph. */
export const LOGO_MAX_BYTES = 256 * 1024;

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * What is wrong with the logo file `site.yaml` names, at the line of `logo.file`: it must lie
 * under content/, exist, be no larger than `LOGO_MAX_BYTES`, and be by its content what its name
 * says (an SVG document or a PNG image). An SVG is only ever shown through `<img>`, where a browser
 * runs none of its scripts and loads nothing it refers to, so its content needs no more checks.
 */
export async function logoProblems(root: string, logo: NonNullable<BrandSettings["logo"]>, file: string, line: number): Promise<Problem[]> {
  const at = (message: string) => [error(file, line, `logo.file "${logo.file}" ${message}`)];
  const contentDir = path.join(root, "content");
  // Every folder under content/ is a document, so the logo sits beside site.yaml.
  if (!/^[^/\\]+$/.test(logo.file) || logo.file.startsWith(".")) {
    return at("must be the name of a file directly in content/, beside site.yaml, e.g. logo.svg (every folder in content/ is a document).");
  }
  const absolute = path.join(contentDir, logo.file);
  const info = await stat(absolute).catch(() => undefined);
  if (!info?.isFile()) return at(`does not exist: put the logo at content/${logo.file}, beside site.yaml, or fix the name.`);
  // A symbolic link out of content/ would publish a file the site does not hold.
  const real = await realpath(absolute);
  const realContent = await realpath(contentDir);
  if (!real.startsWith(realContent + path.sep)) return at("leads outside content/ through a symbolic link; copy the image into content/.");
  if (info.size > LOGO_MAX_BYTES) {
    return at(`is ${Math.ceil(info.size / 1024)} KB; a logo should be at most ${LOGO_MAX_BYTES / 1024} KB (export the SVG without embedded images, or a smaller PNG).`);
  }
  const bytes = await readFile(absolute);
  const actual = logoFormatOfBytes(bytes);
  if (actual === logo.format) return [];
  if (actual) return at(`is named .${logo.format} but holds a ${actual.toUpperCase()} image; rename it to .${actual}.`);
  return at(`is not ${logo.format === "svg" ? "an SVG document (its first element must be <svg>)" : "a PNG image (it lacks the PNG signature)"}; export the logo as SVG or PNG.`);
}

/** What the bytes are, read from the content alone: a PNG by its signature, an SVG by its root element. */
export function logoFormatOfBytes(bytes: Uint8Array): "svg" | "png" | undefined {
  if (bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return "png";
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  let root: string | undefined;
  const parser = new Parser({ onopentag: (name) => (root ??= name) }, { xmlMode: true });
  parser.end(text);
  return root === "svg" || root?.endsWith(":svg") ? "svg" : undefined;
}
