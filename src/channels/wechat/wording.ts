/** What the WeChat channels themselves say (the engine says everything else). */
const WORDING = {
  zh: {
    voiceNotRecognised: '没能识别这段语音，请用文字再说一次。',
    imageNeedsConsent: '你还没有同意我们保存个人信息，所以图片不会被接收或保存。需要发送证据时，请先回复“同意保存个人信息”，再重新发送图片。',
    unsupported: '目前只能处理文字、图片和语音消息，请用文字描述你的问题。',
    failed: '抱歉，刚才处理你的消息时出了问题，请再发一次。',
    imageFailed: '图片没有收到，请再发送一次。',
  },
  en: {
    voiceNotRecognised: 'I could not make out that voice message; please type it instead.',
    imageNeedsConsent:
      'You have not agreed to us keeping personal data, so images are not accepted or kept. To send evidence, first reply "I agree to keep my data", then send the image again.',
    unsupported: 'I can handle text, images and voice messages; please describe your problem in text.',
    failed: 'Sorry, something went wrong with your message; please send it again.',
    imageFailed: 'The image did not arrive; please send it again.',
  },
} as const;

export function wording(locale: 'zh' | 'en') {
  return WORDING[locale];
}
