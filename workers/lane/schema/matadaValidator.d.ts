// The MATADA node validator generated at build time by workers/lane/schema/ajvPlugin.ts.
declare module 'virtual:matada-validator' {
  export interface MatadaValidationError {
    instancePath: string;
    schemaPath: string;
    keyword: string;
    message?: string;
  }
  export interface MatadaValidateFn {
    (data: unknown): boolean;
    errors?: MatadaValidationError[] | null;
  }
  export const validate: MatadaValidateFn;
  export default validate;
}
