// The stylesheet is bundled as a string by esbuild's `text` loader (see src/server/buildWidget.ts).
declare module '*.css' {
  const css: string;
  export default css;
}
