/** Types for chromium.mjs, so TypeScript (the Playwright config, the render benchmark) can import it. */
interface Where {
  platform?: string;
  env?: Record<string, string | undefined>;
  exists?: (file: string) => boolean;
}
export function chromiumCandidates(options?: Where): string[];
export function systemChromium(options?: Where): string | null;
export function chromiumArgs(): string[];
