import { z } from 'zod';

/**
 * What a client may post as an activity (the Bot Framework schema, the parts we use). Unknown
 * fields are allowed (clients add timestamps, entities, …) and dropped: only what is parsed here
 * is stored or passed on.
 */
export const InboundActivity = z.looseObject({
  type: z.string({ error: 'type is required' }).min(1).max(50),
  id: z.string().min(1).max(128).optional(),
  text: z.string().max(5000, 'text must be at most 5,000 characters').optional(),
  value: z.unknown().optional(),
  locale: z.string().max(35).optional(),
  from: z.looseObject({ id: z.string().min(1).max(256), name: z.string().max(256).optional() }).optional(),
  channelData: z.looseObject({ clientActivityID: z.string().min(1).max(128).optional() }).optional(),
  attachments: z
    .array(z.looseObject({ contentType: z.string().max(200).optional(), name: z.string().max(256).optional() }))
    .max(10)
    .optional(),
});

export type InboundActivity = z.infer<typeof InboundActivity>;

/** A suggested action pressed: imBack sends the value as text; postBack/messageBack send it as `value`. */
export function valueOf(activity: InboundActivity): string | undefined {
  const v = activity.value;
  if (typeof v === 'string' && v.length <= 500) return v;
  if (v && typeof v === 'object' && typeof (v as { value?: unknown }).value === 'string') return (v as { value: string }).value.slice(0, 500);
  return undefined;
}
