import { ConfigurationError } from './errors/configuration-error.js';

/**
 * Loads an optional peer dependency (`pg`), turning "not installed" into a `ConfigurationError`
 * that names the package and how to add it, instead of Node's bare ERR_MODULE_NOT_FOUND from deep
 * inside a save.
 */
export async function importOptionalPeer<T>(
  load: () => Promise<T>,
  { name, entry }: { name: string; entry: string },
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    const missing =
      code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${name}'`);
    if (!missing) throw error;
    throw new ConfigurationError({
      component: entry,
      option: name,
      message: `is an optional peer dependency that is not installed: npm install ${name}`,
    });
  }
}
