// pg's internal helpers have no declaration file; the intake test uses them to inline a statement's parameters.
declare module 'pg/lib/utils.js' {
  const utils: { escapeLiteral(value: string): string; prepareValue(value: unknown): unknown };
  export default utils;
}
