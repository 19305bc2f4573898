// fontkit 2 ships no types; pdfkit accepts the font object it returns (anything with `layout`).
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): { layout: (text: string) => unknown; postscriptName: string };
}
