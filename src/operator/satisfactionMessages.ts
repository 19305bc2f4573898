/** The satisfaction question's wording (zh / en); kept with the feature until the dialog catalog takes it. */
export const SATISFACTION_MESSAGES = {
  ask: {
    zh: '可选：这次维权帮助你满意吗？请回复 1–5 分（5 分最满意），也可以在分数后面写一句意见。不想评价可以忽略。',
    en: 'Optional: how satisfied are you with the help? Reply 1–5 (5 is best), with a comment after the number if you like. Ignore this if you prefer.',
  },
  thanks: {
    zh: (score: number) => `谢谢你的评价（${score} 分）。你的意见会用于改进维权预案和服务。`,
    en: (score: number) => `Thank you for rating us ${score} out of 5. Your feedback helps improve the plan and the service.`,
  },
  buttons: { zh: (n: number) => `${n} 分`, en: (n: number) => `${n}` },
} as const;
