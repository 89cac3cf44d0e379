// @11ty/eleventy-dev-server 2 ships JavaScript without type declarations; these cover exactly the
// API Codicil's `npm start` uses.
declare module "@11ty/eleventy-dev-server" {
  import type { IncomingMessage, Server, ServerResponse } from "node:http";

  export interface DevServerOptions {
    port?: number;
    pathPrefix?: string;
    /** Rewrite changed HTML in place rather than reloading the page. */
    domDiff?: boolean;
    showVersion?: boolean;
    /** The line printed once the server listens; `false` prints nothing. */
    messageOnStart?: () => string | false;
    /** Connect-style middleware, run after the live-reload script is served and before files are. */
    middleware?: ((req: IncomingMessage, res: ServerResponse, next: () => unknown) => void)[];
    logger?: { info(message: string): void; log(message: string): void; error(message: string): void };
  }

  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options?: DevServerOptions): EleventyDevServer;
    serve(port?: number): void;
    /** The HTTP server, created on first access with the dev server's request and live-reload handlers. */
    readonly server: Server;
    /** Tells every open page to reload. */
    reload(event?: { files?: readonly string[] }): void;
    close(): Promise<void>;
  }
}
