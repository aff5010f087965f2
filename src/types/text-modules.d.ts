// Files esbuild embeds as text (the shipped sample round).
declare module '*.csv' {
  const text: string;
  export default text;
}
