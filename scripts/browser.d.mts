export function findChromium(env?: NodeJS.ProcessEnv): string | null;
export const INSTALL_HINT: string;
