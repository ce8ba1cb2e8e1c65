/** Types for scripts/build-cli.mjs (plain JS, so `npm install` can run it without a compiler). */
export declare const CLI_OUT: string;
export declare const CLI_ENTRY: string;
export declare const CLI_INPUTS: string;
export declare function buildCli(out?: string): Promise<void>;
