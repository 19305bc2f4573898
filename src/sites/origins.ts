import { z } from 'zod';

/** An origin as browsers send it: scheme, host and port only, no path, no trailing slash. */
export const Origin = z
  .string()
  .trim()
  .transform((value, ctx) => {
    try {
      const url = new URL(value);
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) throw new Error('scheme');
      return url.origin;
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not an http(s) origin like https://shop.example.com` });
      return z.NEVER;
    }
  });
