import { z } from 'zod';
import { validationMessage } from './validationMessages';

// Validation messages reach users (a bad request says which field and why): in plain Chinese.
z.config({ localeError: validationMessage });

/** Declares an API method: its request schema, its response type (phantom), and what it does. */
export function method<Res>() {
  return <Req extends z.ZodType>(request: Req, doc: string) => ({
    request,
    doc,
    /** Type-only marker; never read at run time. */
    response: undefined as unknown as Res,
  });
}
