// @11ty/eleventy-dev-server 2 ships JavaScript without type declarations; these cover exactly the
// API Codicil's `npm start` uses.
declare module "@11ty/eleventy-dev-server" {
  export interface DevServerOptions {
    port?: number;
    pathPrefix?: string;
    /** Rewrite changed HTML in place rather than reloading the page. */
    domDiff?: boolean;
    showVersion?: boolean;
    logger?: { info(message: string): void; log(message: string): void; error(message: string): void };
  }

  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options?: DevServerOptions): EleventyDevServer;
    serve(port?: number): void;
    /** Tells every open page to reload. */
    reload(event?: { files?: readonly string[] }): void;
    close(): Promise<void>;
  }
}
