// Eleventy 3 ships JavaScript without type declarations; these cover exactly the API Codicil uses.
declare module "@11ty/eleventy" {
  import type { Environment } from "nunjucks";

  export interface UserConfig {
    addPlugin<T>(plugin: (config: UserConfig, options?: T) => void, options?: T): void;
    addGlobalData(name: string, value: unknown): void;
    addFilter(name: string, filter: (...args: never[]) => unknown): void;
    addTemplate(virtualPath: string, content: string, data: Record<string, unknown>): void;
    addPassthroughCopy(mapping: Record<string, string>): void;
    addWatchTarget(path: string): void;
    setLibrary(engine: "njk", library: Environment): void;
    setQuietMode(quiet: boolean): void;
    setUseGitIgnore(use: boolean): void;
    on(event: "eleventy.before" | "eleventy.after", handler: (...args: unknown[]) => unknown): void;
    ignores: Set<string>;
    /** Eleventy's timing of filters and shortcodes (`BenchmarkGroup`); verbose, it prints a warning for a slow one. */
    readonly benchmarks: { readonly config: { setIsVerbose(verbose: boolean): void } };
  }

  export interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    config?: (config: UserConfig) => void | Promise<void>;
  }

  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    /** Resolves to what was copied and what was written (one entry per page file). */
    write(): Promise<[passthroughCopy: unknown, templates: readonly unknown[]]>;
    /** Stops Eleventy's console output ("Wrote N files"); errors still reject `write()`. */
    disableLogger(): void;
    watch(): Promise<unknown>;
    serve(port?: number): Promise<unknown>;
  }
}
